package io.cutover.mapping.query;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class QueryPropertiesTest {

    @Property(tries = 2000)
    void parsingNeverThrowsAndStaysBounded(@ForAll("messyQueries") String query) {
        LegacyParams params = LegacyParams.parse(query);

        assertThat(params.size()).isLessThanOrEqualTo(LegacyParams.MAX_PAIRS);
        for (Param param : params.all()) {
            assertThat(param.key()).isNotEmpty().isEqualTo(Ascii.lower(param.key()));
            assertThat(params.indexOf(param.key())).isGreaterThanOrEqualTo(0);
        }
    }

    @Property(tries = 1000)
    void decodingNeverThrows(@ForAll("messyQueries") String value) {
        assertThat(PercentDecoder.decodeForm(value)).isNotNull();
        assertThat(PercentDecoder.decodeComponent(value)).isNotNull();
        assertThat(PercentEncoder.escapeIllegal(value)).isNotNull();
    }

    @Property(tries = 1000)
    void encodedTextDecodesBackToItself(@ForAll("wellFormedText") String text) {
        String encoded = PercentEncoder.encodeComponent(text);

        assertThat(PercentDecoder.decodeComponent(encoded)).isEqualTo(text);
        assertThat(PercentDecoder.decodeForm(encoded)).isEqualTo(text);
    }

    @Property(tries = 500)
    void escapingIllegalCharactersIsIdempotent(@ForAll("messyQueries") String value) {
        String once = PercentEncoder.escapeIllegal(value);

        assertThat(PercentEncoder.escapeIllegal(once)).isEqualTo(once);
    }

    @Provide
    Arbitrary<String> messyQueries() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(
                        "&", "=", "&amp;", "&#38;", "&#x26;", "%", "%2", "%zz", "%E9", "%C3%B6", "+", "?", "#", "u",
                        "M", "urllink", "amp;", "%0D%0A", "%00", "\\", "ö", "😀", "\uD800"),
                Arbitraries.strings().ofMaxLength(6));
        return pieces.list().ofMaxSize(60).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> wellFormedText() {
        return Arbitraries.strings().all().ofMaxLength(40).filter(QueryPropertiesTest::hasNoLoneSurrogate);
    }

    private static boolean hasNoLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
