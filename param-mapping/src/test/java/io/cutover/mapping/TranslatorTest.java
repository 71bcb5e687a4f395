package io.cutover.mapping;

import static io.cutover.mapping.Fixtures.DEFAULT_LANDING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.table.MappingTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** r.cfm through the built-in table and the sample directory: the shapes of platforms.md §6. */
class TranslatorTest {

    private static final String IDS = "b=1632110&u=873588&m=41388";

    @Test
    void translatesShareASalesDeepLinkRecipe() {
        MappingResult result =
                translate("b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov");

        assertThat(result)
                .isEqualTo(new Mapped(
                        LinkKind.BANNER_CLICK,
                        "41388",
                        "873588",
                        new PrimaryRequest(
                                "/cread.php",
                                "awinmid=15532&awinaffid=402911&clickref2=nov"
                                        + "&ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6"),
                        "https://www.example.com/page?id=6"));
        assertThat(((Mapped) result).primary().pathAndQuery())
                .isEqualTo("/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov&"
                        + "ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6");
    }

    @Test
    void sendsAMerchantNotOnAwinYetToLegacyWithItsSafeLanding() {
        Translator translator = new Translator(
                MappingTable.builtIn(),
                FileDirectory.of(
                        List.of(new Merchant(
                                "50505", null, "https://www.legacy-only.example/", List.of("legacy-only.example"))),
                        Map.of("873588", "402911")));

        MappingResult deep = translator.translate(
                LinkKind.BANNER_CLICK, "b=1&u=873588&m=50505&urllink=shop.legacy-only.example%2Fp");
        MappingResult hostile =
                translator.translate(LinkKind.BANNER_CLICK, "b=1&u=873588&m=50505&urllink=https%3A%2F%2Fevil.com%2F");

        assertThat(deep)
                .isEqualTo(new Unmapped(
                        LinkKind.BANNER_CLICK,
                        "merchant 50505 has no Awin advertiser id yet",
                        Optional.of("50505"),
                        Optional.of("https://shop.legacy-only.example/p")));
        assertThat(((Unmapped) hostile).landing()).hasValue("https://www.legacy-only.example/");
    }

    @Test
    void acceptsHtmlEscapedAmpersands() {
        Mapped mapped = mapped("b=366125&amp;u=873588&amp;m=41388&amp;urllink=&amp;afftrack=");

        assertThat(mapped.primary().query()).isEqualTo("awinmid=15532&awinaffid=402911");
        assertThat(mapped.landing()).isEqualTo(DEFAULT_LANDING);
    }

    @Test
    void readsUpperCaseLegacyNames() {
        Mapped mapped = mapped("B=02&U=873588&M=24570&URLLINK=shop.example.org/x");

        assertThat(mapped.merchantId()).isEqualTo("24570");
        assertThat(mapped.primary().query())
                .isEqualTo("awinmid=10990&awinaffid=402911&" + "ued=https%3A%2F%2Fshop.example.org%2Fx");
    }

    @Test
    void completesAPartiallyEncodedDeepLinkWithoutScheme() {
        Mapped mapped = mapped(IDS + "&urllink=www.example.com/p%3Fa%3D1%26b%3D2");

        assertThat(mapped.landing()).isEqualTo("https://www.example.com/p?a=1&b=2");
        assertThat(mapped.primary().query()).endsWith("&ued=https%3A%2F%2Fwww.example.com%2Fp%3Fa%3D1%26b%3D2");
    }

    @Test
    void decodesADoubleEncodedDeepLink() {
        assertThat(mapped(IDS + "&urllink=https%253A%252F%252Fwww.example.com%252Fp%253Fq%253D1")
                        .landing())
                .isEqualTo("https://www.example.com/p?q=1");
    }

    @Test
    void keepsAnEncodedAmpersandInsideTheDeepLinksQuery() {
        Mapped mapped = mapped(IDS + "&urllink=https%3A%2F%2Fwww.example.com%2Fs%3Fq%3Da%2526b");

        assertThat(mapped.landing()).isEqualTo("https://www.example.com/s?q=a%26b");
        assertThat(mapped.primary().query()).endsWith("&ued=https%3A%2F%2Fwww.example.com%2Fs%3Fq%3Da%2526b");
    }

    @Test
    void leavesEmptyParametersOutAndLandsOnTheDefault() {
        Mapped mapped = mapped(IDS + "&urllink=&afftrack=");

        assertThat(mapped.primary().query()).isEqualTo("awinmid=15532&awinaffid=402911");
        assertThat(mapped.landing()).isEqualTo(DEFAULT_LANDING);
    }

    @Test
    void usesTheFirstNonEmptyValueOfADuplicate() {
        Mapped mapped = mapped(
                IDS + "&urllink=&urllink=www.example.com/a&urllink=www.example.com/b" + "&afftrack=one&afftrack=two");

        assertThat(mapped.landing()).isEqualTo("https://www.example.com/a");
        assertThat(mapped.primary().query()).contains("clickref2=one&");
    }

    @Test
    void keepsATrackerWrappedInTheDeepLinkAsOneUrl() {
        Mapped own = mapped(IDS + "&urllink=https%3A%2F%2Fwww.example.com%2Fgo"
                + "%3Furl%3Dhttps%253A%252F%252Fshop.example.com%252Fp%26src%3Dx");
        Mapped foreign = mapped(IDS + "&urllink=https%3A%2F%2Fgo.skimresources.com%2F"
                + "%3Furl%3Dhttps%253A%252F%252Fwww.example.com%252Fp");

        assertThat(own.landing()).isEqualTo("https://www.example.com/go?url=https%3A%2F%2Fshop.example.com%2Fp&src=x");
        assertThat(foreign.landing()).isEqualTo(DEFAULT_LANDING);
    }

    @Test
    void readsPlusAsASpaceOnlyInSubIds() {
        Mapped mapped = mapped(IDS + "&afftrack=summer+sale%20x&urllink=www.example.com/search%3Fq%3Da+b");

        assertThat(mapped.primary().query()).contains("clickref2=summer%20sale%20x&");
        assertThat(mapped.landing()).isEqualTo("https://www.example.com/search?q=a+b");
        assertThat(mapped.primary().query()).endsWith("%3Fq%3Da%2Bb");
    }

    @Test
    void ignoresTrailingAmpersands() {
        assertThat(mapped(IDS + "&afftrack=x&&").primary().query())
                .isEqualTo("awinmid=15532&awinaffid=402911&" + "clickref2=x");
    }

    @Test
    void capsSubIdsAtShareASalesLimit() {
        String query = mapped(IDS + "&afftrack=" + "a".repeat(300)).primary().query();

        assertThat(query).endsWith("&clickref2=" + "a".repeat(255));
    }

    @Test
    void removesControlCharactersFromSubIds() {
        assertThat(mapped(IDS + "&afftrack=a%0D%0Ab%00c%09").primary().query()).endsWith("&clickref2=abc");
    }

    @Test
    void encodesSubIdsPerRfc3986() {
        assertThat(mapped(IDS + "&afftrack=n%C3%B6v_1-2.3~4*%26").primary().query())
                .endsWith("&clickref2=n%C3%B6v_1-2.3~4%2A%26");
    }

    @Test
    void passesConsentThroughUntouched() {
        Mapped mapped = mapped(IDS + "&cons=0&gdpr=1&gdpr_consent=CPc1234.AbC-_~%2B");

        assertThat(mapped.primary().query())
                .isEqualTo("awinmid=15532&awinaffid=402911&cons=0&gdpr=1&gdpr_consent=CPc1234.AbC-_~%2B");
    }

    @Test
    void forwardsNothingThatIsNotInTheTable() {
        assertThat(mapped(IDS + "&sscid=41k7_n2lff&zz=1&d=9").primary().query())
                .isEqualTo("awinmid=15532&" + "awinaffid=402911");
    }

    @Test
    void normalisesIdsWithLeadingZerosAndWhitespace() {
        Mapped mapped = mapped("m=041388&u=+00873588%20");

        assertThat(mapped.merchantId()).isEqualTo("41388");
        assertThat(mapped.affiliateId()).isEqualTo("873588");
    }

    @Test
    void reattachesTheQueryOfAnUnencodedDeepLink() {
        Mapped mapped = mapped(IDS + "&urllink=https://www.example.com/p?a=1&color=red&afftrack=x&size=9");

        assertThat(mapped.landing()).isEqualTo("https://www.example.com/p?a=1&color=red&size=9");
        assertThat(mapped.primary().query()).contains("&clickref2=x&");
    }

    @Test
    void reattachesOnlyWhenTheDeepLinkHasARawQuestionMark() {
        assertThat(mapped(IDS + "&urllink=www.example.com/p&color=red").landing())
                .isEqualTo("https://www.example.com/p");
        assertThat(mapped("color=red&" + IDS + "&urllink=www.example.com/p?a=1").landing())
                .isEqualTo("https://www.example.com/p?a=1");
    }

    @Test
    void sendsTheDefaultLandingForAnUnsafeDeepLink() {
        Mapped mapped = mapped(IDS + "&urllink=https%3A%2F%2Fexample.com%40evil.com%2F");

        assertThat(mapped.landing()).isEqualTo(DEFAULT_LANDING);
        assertThat(mapped.primary().query()).endsWith("&ued=https%3A%2F%2Fwww.example.com%2F");
    }

    @Test
    void neverLetsHeaderInjectionIntoTheLanding() {
        assertThat(mapped(IDS + "&urllink=https://www.example.com/%0D%0ASet-Cookie:%20a=b")
                        .landing())
                .isEqualTo(DEFAULT_LANDING);
    }

    @Test
    void rejectsAMissingMerchant() {
        assertThat(translate("u=873588")).isEqualTo(new Rejected("r.cfm: parameter m (merchant id) is missing"));
        assertThat(translate("m=&u=873588")).isEqualTo(new Rejected("r.cfm: parameter m (merchant id) is missing"));
        assertThat(translate("")).isEqualTo(new Rejected("r.cfm: parameter m (merchant id) is missing"));
    }

    @Test
    void rejectsAMissingAffiliate() {
        assertThat(translate("m=41388&u=%20")).isEqualTo(new Rejected("r.cfm: parameter u (affiliate id) is missing"));
    }

    @Test
    void rejectsANonNumericId() {
        assertThat(translate("m=41388&u=abc"))
                .isEqualTo(new Rejected("r.cfm: parameter u: 'abc' (expected: a number)"));
        assertThat(translate("m=4138%0A8&u=1"))
                .isEqualTo(new Rejected("r.cfm: parameter m: '4138%0A8' (expected: a number)"));
    }

    @Test
    void quotesRejectedValuesSafely() {
        Rejected rejected = (Rejected) translate("m=41388&u=<script>" + "x".repeat(100));

        assertThat(rejected.reason())
                .isEqualTo("r.cfm: parameter u: '?script?" + "x".repeat(32) + "…' (expected: a number)");
    }

    @Test
    void rejectsTooManyParameters() {
        assertThat(translate(IDS + "&x=1".repeat(200)))
                .isEqualTo(new Rejected("r.cfm: too many parameters (more than 128)"));
    }

    @Test
    void leavesAnUnknownMerchantToLegacy() {
        assertThat(translate("u=873588&m=99999&urllink=www.example.com/p"))
                .isEqualTo(new Unmapped(
                        LinkKind.BANNER_CLICK,
                        "merchant 99999 is not in the directory",
                        Optional.of("99999"),
                        Optional.empty()));
    }

    @Test
    void leavesAnUnknownAffiliateToLegacyWithTheSafeLanding() {
        assertThat(translate("u=111111&m=41388&urllink=www.example.com/p"))
                .isEqualTo(new Unmapped(
                        LinkKind.BANNER_CLICK,
                        "affiliate 111111 is not in the directory",
                        Optional.of("41388"),
                        Optional.of("https://www.example.com/p")));
        assertThat(translate("u=111111&m=41388&urllink=evil.com"))
                .isEqualTo(new Unmapped(
                        LinkKind.BANNER_CLICK,
                        "affiliate 111111 is not in the directory",
                        Optional.of("41388"),
                        Optional.of(DEFAULT_LANDING)));
    }

    @Test
    void leavesLinkKindsWithoutAMappingToLegacy() {
        assertThat(Fixtures.withTable(Fixtures.R_CFM_ONLY).translate(LinkKind.DEAL_CLICK, "d=440762&m=41388&u=873588"))
                .isEqualTo(
                        new Unmapped(LinkKind.DEAL_CLICK, "no mapping for /u.cfm", Optional.empty(), Optional.empty()));
        assertThat(Fixtures.builtIn().translate(LinkKind.PASS_THROUGH, "x=1")).isInstanceOf(Unmapped.class);
    }

    @Test
    void treatsANullQueryAsEmpty() {
        assertThat(Fixtures.builtIn().translate(LinkKind.BANNER_CLICK, null)).isInstanceOf(Rejected.class);
    }

    private static MappingResult translate(String query) {
        return Fixtures.builtIn().translate(LinkKind.BANNER_CLICK, query);
    }

    private static Mapped mapped(String query) {
        MappingResult result = translate(query);
        assertThat(result).isInstanceOf(Mapped.class);
        return (Mapped) result;
    }
}
