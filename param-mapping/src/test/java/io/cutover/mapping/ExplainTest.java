package io.cutover.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.Explanation.Step;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExplainTest {

    @Test
    void explainsEveryRuleInFileOrderWithRawValueRuleAndResult() {
        Explanation explanation =
                explain("b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov");

        assertThat(explanation.outcome()).isEqualTo("mapped");
        assertThat(explanation.mapping())
                .hasValueSatisfying(mapping -> assertThat(mapping).startsWith("/r.cfm → /cread.php (r-cfm.yaml:"));
        assertThat(explanation.upstream())
                .hasValue("/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov&"
                        + "ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6");
        assertThat(explanation.landing()).hasValue("https://www.example.com/page?id=6");
        assertThat(explanation.steps())
                .extracting(Step::parameter)
                .containsExactly("m", "u", "afftrack", "urllink", "b", "cons", "gdpr", "gdpr_consent", "utm_*");
        assertThat(explanation.steps())
                .extracting(Step::result)
                .containsExactly(
                        "awinmid=15532",
                        "awinaffid=402911",
                        "clickref2=nov",
                        "ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6",
                        "not forwarded",
                        "omitted (absent)",
                        "omitted (absent)",
                        "omitted (absent)",
                        "none present");
        Step merchant = explanation.steps().get(0);
        assertThat(merchant.rawValue()).hasValue("41388");
        assertThat(merchant.rule()).isEqualTo("lookup merchant → awinmid");
        assertThat(merchant.note()).hasValue("merchant 41388 → Awin advertiser 15532");
        assertThat(merchant.source())
                .hasValueSatisfying(source -> assertThat(source).startsWith("r-cfm.yaml:"));
        assertThat(step(explanation, "urllink").note())
                .hasValue(
                        "decoded: www.example.com/page?id=6; no scheme: https:// assumed; host www.example.com is allowed for "
                                + "merchant 41388");
        assertThat(step(explanation, "b").note())
                .hasValue("no Awin equivalent on a cread.php deep link (platforms.md §7)");
    }

    @Test
    void notesWhyADeepLinkWasReplacedByTheDefaultLanding() {
        Step urllink = step(explain("u=873588&m=41388&urllink=https://evil.com/x"), "urllink");

        assertThat(urllink.result()).isEqualTo("ued=https%3A%2F%2Fwww.example.com%2F");
        assertThat(urllink.note())
                .hasValueSatisfying(note -> assertThat(note)
                        .endsWith("host evil.com is not an allowed domain of merchant 41388 → default landing"));
    }

    @Test
    void notesParametersThatAreNotInTheTable() {
        Explanation explanation = explain("u=873588&m=41388&sscid=41k7_n2lff");

        assertThat(explanation.steps().get(explanation.steps().size() - 1))
                .isEqualTo(new Step(
                        "sscid",
                        Optional.of("41k7_n2lff"),
                        "not in the mapping table",
                        "not forwarded",
                        Optional.of("unknown: drop"),
                        Optional.empty()));
    }

    @Test
    void showsPairsReattachedToTheLandingUrl() {
        Explanation explanation = explain("u=873588&m=41388&urllink=https://www.example.com/p?a=1&color=red");

        assertThat(step(explanation, "urllink").note())
                .hasValueSatisfying(note -> assertThat(note)
                        .startsWith("raw '?' in the value: re-attached color from the request to the URL's query"));
        Step color = step(explanation, "color");
        assertThat(color.rule()).isEqualTo("re-attached to the landing URL");
        assertThat(color.result()).isEqualTo("part of ued");
    }

    @Test
    void showsIgnoredDuplicates() {
        Explanation explanation = explain("u=873588&m=41388&afftrack=&afftrack=two");

        assertThat(explanation.steps())
                .filteredOn(step -> step.parameter().equals("afftrack"))
                .extracting(Step::rawValue, Step::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Optional.of("two"), "clickref2=two"),
                        org.assertj.core.groups.Tuple.tuple(Optional.of(""), "ignored"));
    }

    @Test
    void notesCappedAndCleanedSubIds() {
        Step afftrack = step(explain("u=873588&m=41388&afftrack=a+b%0A" + "c".repeat(300)), "afftrack");

        assertThat(afftrack.note())
                .hasValue(
                        "'+' read as a space (form decoding); control characters removed; capped at 255 characters (was 303)");
    }

    @Test
    void explainsARejectionAtTheParameterThatCausedIt() {
        Explanation explanation = explain("m=41388&u=abc");

        assertThat(explanation.outcome()).isEqualTo("rejected");
        assertThat(explanation.reason()).hasValue("r.cfm: parameter u: 'abc' (expected: a number)");
        assertThat(step(explanation, "u").result()).isEqualTo("rejected");
        assertThat(step(explanation, "u").note()).hasValue("r.cfm: parameter u: 'abc' (expected: a number)");
        assertThat(step(explanation, "afftrack").result()).isEqualTo("not evaluated");
    }

    @Test
    void explainsAnUnknownAffiliateWithTheLandingLegacyWouldGetAsFallback() {
        Explanation explanation = explain("m=41388&u=111111&urllink=www.example.com/x");

        assertThat(explanation.outcome()).isEqualTo("unmapped");
        assertThat(explanation.landing()).hasValue("https://www.example.com/x");
        assertThat(step(explanation, "u").result()).isEqualTo("unmapped");
        assertThat(step(explanation, "u").note()).hasValue("affiliate 111111 is not in the directory");
        assertThat(explanation.upstream()).isEmpty();
    }

    @Test
    void explainsALinkKindWithoutMapping() {
        Explanation explanation =
                Fixtures.withTable(Fixtures.R_CFM_ONLY).explain(LinkKind.DEAL_CLICK, "d=440762&m=24631&u=3148616");

        assertThat(explanation.mapping()).isEmpty();
        assertThat(explanation.reason()).hasValue("no mapping for /u.cfm");
        assertThat(explanation.steps()).extracting(Step::parameter).containsExactly("d", "m", "u");
        assertThat(explanation.steps()).extracting(Step::result).containsOnly("sent to legacy unchanged");
    }

    @Test
    void givesTheSameResultAsTranslate() {
        String query = "B=1&amp;U=0873588&amp;M=41388&amp;urllink=https%253A%252F%252Fwww.example.com%252Fp&cons=0";

        assertThat(explain(query).result()).isEqualTo(Fixtures.builtIn().translate(LinkKind.BANNER_CLICK, query));
    }

    private static Explanation explain(String query) {
        return Fixtures.builtIn().explain(LinkKind.BANNER_CLICK, query);
    }

    private static Step step(Explanation explanation, String parameter) {
        return explanation.steps().stream()
                .filter(step -> step.parameter().equals(parameter))
                .findFirst()
                .orElseThrow();
    }
}
