package io.cutover.mapping.landing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.directory.Merchant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LandingCheckTest {

    private static final Merchant MERCHANT =
            new Merchant("41388", "15532", "https://www.example.com/", List.of("example.com"));

    @Test
    void usesASafeDeepLink() {
        LandingDecision decision = LandingCheck.decide("www.example.com/page%3Fid%3D6", MERCHANT);

        assertThat(decision.verdict()).isEqualTo(LandingVerdict.SAFE);
        assertThat(decision.landing()).isEqualTo("https://www.example.com/page?id=6");
    }

    @Test
    void treatsAnEmptyDeepLinkAsTheDefaultLandingNotAnError() {
        assertThat(LandingCheck.decide("", MERCHANT).verdict()).isEqualTo(LandingVerdict.EMPTY);
        assertThat(LandingCheck.decide("  ", MERCHANT).verdict()).isEqualTo(LandingVerdict.EMPTY);
        assertThat(LandingCheck.decide("%20", MERCHANT).landing()).isEqualTo("https://www.example.com/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(document.cookie)",
                "javascript%3Aalert(1)",
                "JaVaScRiPt:alert(1)",
                "data:text/html;base64,PHNjcmlwdD4=",
                "data%3Atext%2Fhtml%2C%3Cscript%3E"
            })
    void rejectsScriptAndDataSchemes(String raw) {
        LandingDecision decision = LandingCheck.decide(raw, MERCHANT);

        assertThat(decision.verdict()).isEqualTo(LandingVerdict.NOT_HTTP);
        assertThat(decision.landing()).isEqualTo(MERCHANT.defaultLanding());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://www.example.com/%0D%0ASet-Cookie:x=1",
                "https://www.example.com/%0a",
                "https://www.example.com/%00",
                "https://www.example.com/%7F",
                "https://www.example.com/%09tab",
                "https%253A%252F%252Fwww.example.com%252F%250D%250A",
                "https://www.example.com/%0D"
            })
    void rejectsControlCharactersAfterDecoding(String raw) {
        LandingDecision decision = LandingCheck.decide(raw, MERCHANT);

        assertThat(decision.verdict()).isEqualTo(LandingVerdict.CONTROL_CHARACTERS);
        assertThat(decision.landing()).isEqualTo(MERCHANT.defaultLanding());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com@evil.com/",
                "https%3A%2F%2Fexample.com%40evil.com%2F",
                "https://www.example.com:pw@evil.com/",
                "https://evil.com\\@example.com",
                "https://evil.com%5C@www.example.com",
                "https:\\\\evil.com/www.example.com",
                "//evil.com/www.example.com",
                "\\\\evil.com",
                "https://example.com.evil.com/",
                "https://notexample.com/",
                "https://example.co/",
                "https://exаmple.com/",
                "evil.com/https://www.example.com"
            })
    void rejectsHostsOutsideTheAllowedDomains(String raw) {
        LandingDecision decision = LandingCheck.decide(raw, MERCHANT);

        assertThat(decision.isDeepLink()).as(raw).isFalse();
        assertThat(decision.landing()).isEqualTo(MERCHANT.defaultLanding());
    }

    @Test
    void namesTheRealHostOfAUserInfoTrickInTheNote() {
        LandingDecision decision = LandingCheck.decide("https://example.com@evil.com/", MERCHANT);

        assertThat(decision.verdict()).isEqualTo(LandingVerdict.DOMAIN_NOT_ALLOWED);
        assertThat(decision.url().host()).isEqualTo("evil.com");
        assertThat(decision.describe("41388"))
                .contains("host evil.com is not an allowed domain of merchant 41388 → default landing");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/",
                "https://www.example.com/",
                "https://deep.shop.example.com/x",
                "HTTPS://WWW.EXAMPLE.COM/",
                "https://www.example.com./",
                "http://www.example.com/",
                "https://evil.com@www.example.com/"
            })
    void allowsTheDomainAndItsSubdomainsWhateverTheSpelling(String raw) {
        LandingDecision decision = LandingCheck.decide(raw, MERCHANT);

        assertThat(decision.isDeepLink()).as(raw).isTrue();
        assertThat(decision.url().host()).endsWith("example.com");
        assertThat(decision.landing()).doesNotContain("evil.com");
    }

    @Test
    void judgesAnEncodedSlashAfterTheHostAsPartOfThePath() {
        LandingDecision decision = LandingCheck.decide("https://www.example.com%2F.evil.com/", MERCHANT);

        assertThat(decision.isDeepLink()).isTrue();
        assertThat(decision.landing()).isEqualTo("https://www.example.com/.evil.com/");
    }

    @Test
    void emitsTheStringItJudged() {
        LandingDecision decision = LandingCheck.decide("https://WWW.Example.com./a b", MERCHANT);

        assertThat(decision.landing()).isEqualTo("https://www.example.com/a%20b");
        assertThat(LandingUrl.parse(decision.landing()).host())
                .isEqualTo(decision.url().host());
    }

    @Test
    void allowsAPunycodeDomainOnlyInItsAsciiForm() {
        Merchant books = new Merchant("1", "2", "https://xn--bcher-kva.example/", List.of("xn--bcher-kva.example"));

        assertThat(LandingCheck.decide("https://bücher.example/buch", books).landing())
                .isEqualTo("https://xn--bcher-kva.example/buch");
        assertThat(LandingCheck.decide("https://bucher.example/", books).isDeepLink())
                .isFalse();
    }
}
