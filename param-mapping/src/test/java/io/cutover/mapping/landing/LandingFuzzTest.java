package io.cutover.mapping.landing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.mapping.directory.Merchant;
import io.cutover.web.ControlCharacters;
import io.cutover.web.SafeRedirect;
import java.util.List;

/**
 * The safe-redirect contract on any deep link. The {@code *Link} methods build links the way
 * publishers write them ({@link DeepLinks}); the {@code *Text} ones take the raw text as given,
 * so their seeds read as the links they are.
 */
class LandingFuzzTest {

    private static final Merchant MERCHANT =
            new Merchant("41388", "15532", "https://www.example.com/", List.of("example.com"));

    @FuzzTest
    void everyBuiltLinkLandsSafely(FuzzedDataProvider data) {
        assertLandsSafely(DeepLinks.any(data));
    }

    @FuzzTest
    void everyTextLandsSafely(FuzzedDataProvider data) {
        assertLandsSafely(data.consumeRemainingAsString());
    }

    @FuzzTest
    void canonicalFormIsStable(FuzzedDataProvider data) {
        String raw = data.consumeBoolean() ? DeepLinks.any(data) : data.consumeRemainingAsString();
        LandingUrl url = LandingUrl.parse(raw);
        if (url.verdict() == LandingVerdict.SAFE) {
            LandingUrl again = LandingUrl.parse(url.canonical());
            assertThat(again.verdict()).isEqualTo(LandingVerdict.SAFE);
            assertThat(again.canonical()).isEqualTo(url.canonical());
            assertThat(again.host()).isEqualTo(url.host());
        }
    }

    @FuzzTest
    void decodingTakesAtMostThreePasses(FuzzedDataProvider data) {
        String raw = data.consumeBoolean() ? DeepLinks.any(data) : data.consumeRemainingAsString();

        LandingDecoder.Decoded decoded = LandingDecoder.decode(raw);

        assertThat(decoded.passes()).isBetween(1, LandingDecoder.MAX_PASSES);
        assertThat(decoded.value()).isNotNull();
    }

    private static void assertLandsSafely(String raw) {
        LandingDecision decision = LandingCheck.decide(raw, MERCHANT);
        String landing = decision.landing();

        assertThat(landing).startsWith("http");
        assertThat(ControlCharacters.inUrl(landing)).isFalse();
        LandingUrl reparsed = LandingUrl.parse(landing);
        assertThat(reparsed.verdict()).isEqualTo(LandingVerdict.SAFE);
        assertThat(reparsed.scheme()).isIn("http", "https");
        assertThat(MERCHANT.allows(reparsed.host())).isTrue();
        assertThat(reparsed.canonical()).isEqualTo(landing);
        // The landing Cutover writes passes the same check every relayed Location must pass.
        assertThat(SafeRedirect.check(landing, MERCHANT::allows)).as(landing).isNull();
        if (!decision.isDeepLink()) {
            assertThat(landing).isEqualTo(MERCHANT.defaultLanding());
        }
        assertThat(decision.describe(MERCHANT.legacyId())).isNotBlank();
    }
}
