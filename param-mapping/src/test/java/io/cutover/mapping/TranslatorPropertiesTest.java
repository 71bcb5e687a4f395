package io.cutover.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.landing.DeepLinks;
import io.cutover.mapping.landing.LandingUrl;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.LegacyParams;
import io.cutover.mapping.query.PercentDecoder;
import io.cutover.mapping.query.PercentEncoder;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class TranslatorPropertiesTest {

    private static final String IDS = "b=1&u=873588&m=41388";

    @Property(tries = 2000)
    void neverThrowsAndExplainsTheSameResult(@ForAll("queries") String query) {
        for (LinkKind kind : LinkKind.values()) {
            MappingResult result = Fixtures.builtIn().translate(kind, query);
            assertThat(result).isNotNull();
            assertThat(Fixtures.builtIn().explain(kind, query).result()).isEqualTo(result);
        }
    }

    @Property(tries = 3000)
    void everyMappedLandingIsHttpWithoutControlsOnAnAllowedHost(@ForAll("deepLinks") String urllink) {
        MappingResult result = Fixtures.builtIn().translate(LinkKind.BANNER_CLICK, IDS + "&urllink=" + urllink);

        assertThat(result).isInstanceOf(Mapped.class);
        String landing = ((Mapped) result).landing();
        assertThat(Ascii.hasControl(landing)).isFalse();
        LandingUrl url = LandingUrl.parse(landing);
        assertThat(url.verdict()).isEqualTo(LandingVerdict.SAFE);
        assertThat(url.scheme()).isIn("http", "https");
        assertThat(url.host()).matches("(.+\\.)?example\\.com");
        assertThat(url.canonical()).isEqualTo(landing);
        Statistics.label("landing").collect(landing.equals(Fixtures.DEFAULT_LANDING) ? "default" : "deep link");
        Statistics.label("landing").coverage(coverage -> {
            coverage.check("deep link").percentage(percent -> percent > 5);
            coverage.check("default").percentage(percent -> percent > 5);
        });
    }

    @Property(tries = 2000)
    void theAwinQueryParsesBackToTheTranslatedValues(
            @ForAll("subIds") String afftrack, @ForAll("deepLinks") String link) {
        String query = IDS + "&afftrack=" + PercentEncoder.encodeComponent(afftrack) + "&urllink="
                + PercentEncoder.encodeComponent(link);

        Mapped mapped = (Mapped) Fixtures.builtIn().translate(LinkKind.BANNER_CLICK, query);
        LegacyParams awin = LegacyParams.parse(mapped.primary().query());

        assertThat(awin.rawValue("awinmid")).hasValue("15532");
        assertThat(awin.rawValue("awinaffid")).hasValue("402911");
        String expectedSubId = Values.cap(Values.removeControls(afftrack), 255);
        assertThat(awin.rawValue("clickref2").map(PercentDecoder::decodeForm))
                .isEqualTo(expectedSubId.isEmpty() ? Optional.empty() : Optional.of(expectedSubId));
        String ued = awin.rawValue("ued").map(PercentDecoder::decodeComponent).orElse(Fixtures.DEFAULT_LANDING);
        assertThat(ued).isEqualTo(mapped.landing());
        assertThat(awin.size()).isLessThanOrEqualTo(4);
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(
                        "&",
                        "=",
                        "&amp;",
                        "&#38;",
                        "m=41388",
                        "M=",
                        "u=873588",
                        "u=111111",
                        "m=99999",
                        "m=abc",
                        "urllink=",
                        "afftrack=",
                        "cons=0",
                        "%",
                        "%zz",
                        "%0D%0A",
                        "?",
                        "https://",
                        "www.example.com",
                        "evil.com",
                        "+",
                        "%2B",
                        "ö",
                        "\uD83D",
                        "\\",
                        "@",
                        "#"),
                Arbitraries.strings().ofMaxLength(5));
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    /** Raw urllink values; {@code &} removed so that each stays one parameter. */
    @Provide
    Arbitrary<String> deepLinks() {
        return DeepLinks.any().map(link -> link.replace("&", ""));
    }

    @Provide
    Arbitrary<String> subIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300).filter(TranslatorPropertiesTest::wellFormed),
                Arbitraries.of(List.of("nov", "summer sale", "a+b", "x\r\ny", "", "😀".repeat(200))));
    }

    private static boolean wellFormed(String s) {
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
