package io.cutover.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.mapping.landing.DeepLinks;
import io.cutover.mapping.landing.LandingUrl;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.LegacyParams;
import io.cutover.mapping.query.PercentDecoder;
import io.cutover.mapping.query.PercentEncoder;
import io.cutover.mapping.query.Texts;
import io.cutover.mapping.table.EndpointMapping;
import io.cutover.web.ControlCharacters;
import java.util.List;
import java.util.Optional;

/**
 * The translator over the built-in table and the sample directory, on any query. The checks hold
 * for every endpoint the table has, so each table added to {@code mappings/} is covered as it
 * lands; {@link UpstreamChecks} says what "valid, encoded once" means.
 */
class TranslatorFuzzTest {

    private static final String IDS = "b=1&u=873588&m=41388";

    /** Raw query text as a publisher's page might carry it, for every link kind. */
    @FuzzTest
    @DictionaryEntries({
        "&",
        "=",
        "&amp;",
        "m=41388",
        "u=873588",
        "m=24570",
        "u=111111",
        "m=99999",
        "urllink=",
        "afftrack=",
        "merchantID=41388",
        "amount=",
        "tracking=",
        "transtype=lead",
        "skulist=",
        "pricelist=",
        "quantitylist=",
        "couponcode=",
        "currency=",
        "sscid=",
        "%0D%0A",
        "%",
        "+"
    })
    void anyQueryTranslatesWithoutThrowingForEveryKind(FuzzedDataProvider data) {
        String query = data.consumeRemainingAsString();
        for (LinkKind kind : LinkKind.values()) {
            UpstreamChecks.check(Fixtures.builtIn(), kind, query);
        }
    }

    /** Queries built from every endpoint's legacy parameters, for every endpoint of the table. */
    @FuzzTest
    void everyEndpointOfTheTableMapsBuiltQueriesToValidUpstreams(FuzzedDataProvider data) {
        List<EndpointMapping> endpoints = Fixtures.builtIn().table().endpoints();
        EndpointMapping endpoint = data.pickValue(endpoints);
        String query = LegacyQueries.any(data);

        UpstreamChecks.check(Fixtures.builtIn(), endpoint.kind(), query);
    }

    @FuzzTest
    void everyMappedLandingIsHttpWithoutControlsOnAnAllowedHost(FuzzedDataProvider data) {
        // Raw urllink values; '&' removed so that each stays one parameter.
        String urllink = DeepLinks.any(data).replace("&", "");

        MappingResult result = Fixtures.builtIn().translate(LinkKind.BANNER_CLICK, IDS + "&urllink=" + urllink);

        assertThat(result).isInstanceOf(Mapped.class);
        String landing = ((Mapped) result).landing();
        assertThat(ControlCharacters.inUrl(landing)).isFalse();
        LandingUrl url = LandingUrl.parse(landing);
        assertThat(url.verdict()).isEqualTo(LandingVerdict.SAFE);
        assertThat(url.scheme()).isIn("http", "https");
        assertThat(url.host()).matches("(.+\\.)?example\\.com");
        assertThat(url.canonical()).isEqualTo(landing);
    }

    @FuzzTest
    void theAwinQueryParsesBackToTheTranslatedValues(FuzzedDataProvider data) {
        String afftrack = data.consumeBoolean()
                ? data.pickValue(List.of("nov", "summer sale", "a+b", "x\r\ny", "", "😀".repeat(200)))
                : data.consumeString(300);
        String link = DeepLinks.any(data).replace("&", "");
        if (Texts.hasLoneSurrogate(afftrack)) {
            return; // no UTF-8 form: a browser cannot send it
        }
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
        UpstreamChecks.check(Fixtures.builtIn(), LinkKind.BANNER_CLICK, query);
    }
}
