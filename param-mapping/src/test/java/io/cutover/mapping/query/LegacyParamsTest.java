package io.cutover.mapping.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyParamsTest {

    @Test
    void splitsPlainPairsInOrder() {
        LegacyParams params = LegacyParams.parse("b=1632110&u=873588&m=41388");

        assertThat(params.all()).extracting(Param::name).containsExactly("b", "u", "m");
        assertThat(params.rawValue("u")).hasValue("873588");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "b=366125&amp;u=275332&amp;m=37723",
                "b=366125&AMP;u=275332&Amp;m=37723",
                "b=366125&#38;u=275332&#38;m=37723",
                "b=366125&#038;u=275332&#038;m=37723",
                "b=366125&#x26;u=275332&#X26;m=37723",
                "b=366125&amp;amp;u=275332&amp;m=37723"
            })
    void treatsHtmlEscapedAmpersandsAsSeparators(String query) {
        LegacyParams params = LegacyParams.parse(query);

        assertThat(params.all()).extracting(Param::key).containsExactly("b", "u", "m");
        assertThat(params.rawValue("u")).hasValue("275332");
        assertThat(params.rawValue("m")).hasValue("37723");
    }

    @Test
    void stripsAmpPrefixFromNamesOfHalfUnescapedLinks() {
        LegacyParams params = LegacyParams.parse("amp;u=275332&Amp;m=37723");

        assertThat(params.rawValue("u")).hasValue("275332");
        assertThat(params.rawValue("m")).hasValue("37723");
    }

    @Test
    void leavesAnEntityThatIsNotAnAmpersandInTheValue() {
        LegacyParams params = LegacyParams.parse("a=1&#39;x=2");

        assertThat(params.all()).extracting(Param::name).containsExactly("a", "#39;x");
    }

    @Test
    void matchesNamesCaseInsensitivelyAndKeepsTheSpellingForExplain() {
        LegacyParams params = LegacyParams.parse("B=02&U=873588&merchantID=41388");

        assertThat(params.rawValue("b")).hasValue("02");
        assertThat(params.rawValue("MERCHANTID")).hasValue("41388");
        assertThat(params.get(params.indexOf("merchantid")).name()).isEqualTo("merchantID");
    }

    @Test
    void keepsEmptyValuesAsLegal() {
        LegacyParams params = LegacyParams.parse("u=1&urllink=&afftrack=");

        assertThat(params.rawValue("urllink")).hasValue("");
        assertThat(params.rawValue("afftrack")).hasValue("");
        assertThat(params.rawValue("missing")).isEmpty();
    }

    @Test
    void firstNonEmptyValueWinsForDuplicateNames() {
        LegacyParams params = LegacyParams.parse("urllink=&urllink=a.com&URLLINK=b.com");

        assertThat(params.rawValue("urllink")).hasValue("a.com");
        assertThat(params.size()).isEqualTo(3);
    }

    @Test
    void firstEmptyValueWinsWhenAllDuplicatesAreEmpty() {
        LegacyParams params = LegacyParams.parse("x=1&afftrack=&afftrack");

        assertThat(params.indexOf("afftrack")).isEqualTo(1);
        assertThat(params.rawValue("afftrack")).hasValue("");
    }

    @Test
    void skipsEmptyPairsAndTrailingAmpersands() {
        LegacyParams params = LegacyParams.parse("&&u=1&&m=2&&amp;");

        assertThat(params.all()).extracting(Param::key).containsExactly("u", "m");
    }

    @Test
    void keepsAPairWithoutEqualsAsEmptyAndRemembersItsShape() {
        LegacyParams params = LegacyParams.parse("flag&x=");

        assertThat(params.get(0).rawValue()).isEmpty();
        assertThat(params.get(0).pairText()).isEqualTo("flag");
        assertThat(params.get(1).pairText()).isEqualTo("x=");
    }

    @Test
    void skipsPairsWithoutAName() {
        LegacyParams params = LegacyParams.parse("=orphan&u=1");

        assertThat(params.all()).extracting(Param::key).containsExactly("u");
    }

    @Test
    void keepsValuesRawIncludingEqualsSignsAndMalformedEscapes() {
        LegacyParams params = LegacyParams.parse("urllink=https%3A%2F%2Fm.com%2F%3Fa%3Db&x=a=b=c&bad=%zz%4");

        assertThat(params.rawValue("urllink")).hasValue("https%3A%2F%2Fm.com%2F%3Fa%3Db");
        assertThat(params.rawValue("x")).hasValue("a=b=c");
        assertThat(params.rawValue("bad")).hasValue("%zz%4");
    }

    @Test
    void decodesEncodedNamesForMatching() {
        LegacyParams params = LegacyParams.parse("%75rllink=a.com");

        assertThat(params.rawValue("urllink")).hasValue("a.com");
        assertThat(params.get(0).name()).isEqualTo("%75rllink");
    }

    @Test
    void keepsAtMost128PairsAndFlagsTheRest() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < LegacyParams.MAX_PAIRS; i++) {
            query.append("p").append(i).append("=v&");
        }
        assertThat(LegacyParams.parse(query.toString()).truncated()).isFalse();

        query.append("one=more");
        LegacyParams params = LegacyParams.parse(query.toString());

        assertThat(params.truncated()).isTrue();
        assertThat(params.size()).isEqualTo(LegacyParams.MAX_PAIRS);
    }

    @Test
    void skipsALeadingQuestionMark() {
        assertThat(LegacyParams.parse("?u=1").rawValue("u")).hasValue("1");
    }

    @Test
    void parsesNullAndEmptyAsNoParameters() {
        assertThat(LegacyParams.parse(null).size()).isZero();
        assertThat(LegacyParams.parse("").size()).isZero();
        assertThat(LegacyParams.parse("&&&").truncated()).isFalse();
    }
}
