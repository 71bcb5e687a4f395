package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CookieBridgeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String AWC = "15532_1764590400_0123456789abcdef0123456789abcdef";
    private static final String AWIN_COOKIE =
            "aw15532=" + AWC + "; Domain=.awin1.com; Path=/; Max-Age=2592000; SameSite=None; Secure";
    private static final String AWIN_LANDING = "https://shop.example/deal?id=7&awc=" + AWC;
    private static final String LEGACY_COOKIE = "SSCID41388=11k7_g3hcu; Path=/; Max-Age=7776000";
    private static final String LEGACY_LANDING = "https://shop.example/deal?sscid=11k7_g3hcu&id=7";

    private final List<CookieProblem> problems = new ArrayList<>();
    private final CookieBridge bridge =
            new CookieBridge(CookiePolicy.defaults().withDomain(Optional.of(".shareasale.com")), CLOCK, problems::add);

    private static ClickContext context(Phase phase) {
        return new ClickContext("www.shareasale.com", true, phase, Consent.GIVEN, "41388");
    }

    @Test
    void dualWritesAwinsCookieAndTheLegacyClickCookieAndBothReferencesOnTheLanding() {
        BridgedAnswer answer = bridge.answer(Platform.PRIMARY, context(Phase.DUAL), List.of(AWIN_COOKIE), AWIN_LANDING);

        assertThat(answer.setCookies())
                .containsExactly(
                        "aw15532=" + AWC + "; Domain=.shareasale.com; Path=/; Max-Age=2592000; Secure; SameSite=None",
                        "sscid_41388=" + AWC
                                + "; Domain=.shareasale.com; Path=/; Max-Age=2592000; Secure; SameSite=None; HttpOnly");
        assertThat(answer.location()).isEqualTo(AWIN_LANDING + "&sscid=" + AWC);
    }

    @Test
    void primaryOnlyWritesAwinsCookieAloneAndOnlyAwcOnTheLanding() {
        BridgedAnswer answer =
                bridge.answer(Platform.PRIMARY, context(Phase.PRIMARY_ONLY), List.of(AWIN_COOKIE), AWIN_LANDING);

        assertThat(answer.setCookies()).singleElement().asString().startsWith("aw15532=");
        assertThat(answer.location()).isEqualTo(AWIN_LANDING);
    }

    @Test
    void legacyOnlyWritesTheLegacyClickCookieAloneAndBothReferences() {
        BridgedAnswer answer =
                bridge.answer(Platform.PRIMARY, context(Phase.LEGACY_ONLY), List.of(AWIN_COOKIE), AWIN_LANDING);

        assertThat(answer.setCookies()).singleElement().asString().startsWith("sscid_41388=" + AWC + ";");
        assertThat(answer.location()).isEqualTo(AWIN_LANDING + "&sscid=" + AWC);
    }

    @Test
    void legacysOwnCookiesAreTheLegacyFormat() {
        for (Phase phase : List.of(Phase.LEGACY_ONLY, Phase.DUAL)) {
            BridgedAnswer answer =
                    bridge.answer(Platform.LEGACY, context(phase), List.of(LEGACY_COOKIE), LEGACY_LANDING);
            assertThat(answer.setCookies())
                    .containsExactly("SSCID41388=11k7_g3hcu; Domain=.shareasale.com; Path=/; Max-Age=7776000; Secure;"
                            + " SameSite=None");
            assertThat(answer.location()).isEqualTo(LEGACY_LANDING);
        }
        assertThat(bridge.answer(Platform.LEGACY, context(Phase.PRIMARY_ONLY), List.of(LEGACY_COOKIE), LEGACY_LANDING)
                        .setCookies())
                .isEmpty();
    }

    @Test
    void refusedConsentWritesNoTrackingCookieAndNoReferenceOfCutoversOwn() {
        ClickContext refused =
                new ClickContext("www.shareasale.com", true, Phase.DUAL, new Consent(true, false), "41388");

        BridgedAnswer answer = bridge.answer(Platform.PRIMARY, refused, List.of(AWIN_COOKIE), AWIN_LANDING);

        assertThat(answer.setCookies()).isEmpty();
        assertThat(answer.location()).isEqualTo(AWIN_LANDING);
        assertThat(bridge.answer(Platform.LEGACY, refused, List.of(LEGACY_COOKIE), LEGACY_LANDING)
                        .setCookies())
                .isEmpty();
    }

    @Test
    void anUnreadableConsentStringIsCounted() {
        ClickContext unreadable =
                new ClickContext("www.shareasale.com", true, Phase.DUAL, new Consent(true, true), "41388");

        assertThat(bridge.answer(Platform.PRIMARY, unreadable, List.of(AWIN_COOKIE), AWIN_LANDING)
                        .setCookies())
                .isEmpty();
        assertThat(problems).containsExactly(CookieProblem.UNREADABLE_CONSENT);
    }

    @Test
    void theLegacyClickCookieTakesItsLifetimeFromTheConfigWhenAwinGivesNone() {
        BridgedAnswer answer = bridge.answer(
                Platform.PRIMARY, context(Phase.LEGACY_ONLY), List.of("aw15532=" + AWC + "; Path=/"), AWIN_LANDING);

        assertThat(answer.setCookies()).singleElement().asString().contains("; Max-Age=2592000;");
    }

    @Test
    void noMerchantMeansNoLegacyClickCookieButTheLandingStillGetsSscid() {
        ClickContext noMerchant = new ClickContext("www.shareasale.com", true, Phase.DUAL, Consent.GIVEN, null);

        BridgedAnswer answer = bridge.answer(Platform.PRIMARY, noMerchant, List.of(AWIN_COOKIE), AWIN_LANDING);

        assertThat(answer.setCookies()).singleElement().asString().startsWith("aw15532=");
        assertThat(answer.location()).endsWith("&sscid=" + AWC);
    }

    @Test
    void relaysAtMostTheConfiguredNumberOfCookiesAndCountsTheRest() {
        List<String> many = new ArrayList<>(Collections.nCopies(60, "a=1"));

        assertThat(bridge.answer(Platform.PRIMARY, context(Phase.PRIMARY_ONLY), many, null)
                        .setCookies())
                .hasSize(50);
        assertThat(problems).hasSize(10).containsOnly(CookieProblem.TOO_MANY);
    }

    @Test
    void aMalformedSetCookieIsLeftOutAndCountedWhileTheOthersPass() {
        BridgedAnswer answer = bridge.answer(
                Platform.PRIMARY, context(Phase.PRIMARY_ONLY), List.of("junk", AWIN_COOKIE, "x\ny=1"), AWIN_LANDING);

        assertThat(answer.setCookies()).singleElement().asString().startsWith("aw15532=");
        assertThat(problems).containsExactly(CookieProblem.MALFORMED, CookieProblem.MALFORMED);
    }

    @Test
    void sendsAwinItsCookiesUnderTheNamesAwinSetAndLegacyTheRest() {
        String header = "SSCID41388=11k7_g3hcu; aw15532=" + AWC + "; sscid_41388=" + AWC + "; _aw_m_15532=x";

        assertThat(bridge.forPrimary(header)).contains("aw15532=" + AWC + "; _aw_m_15532=x");
        assertThat(bridge.forLegacy(header)).contains("SSCID41388=11k7_g3hcu; sscid_41388=" + AWC);
        assertThat(bridge.forPrimary("a=1")).isEmpty();
        assertThat(bridge.forLegacy(null)).isEmpty();
    }

    @Test
    void boundsTheCookiesSentToEachBackendAndCountsWhatIsLeftOut() {
        StringBuilder header = new StringBuilder("aw1=" + "x".repeat(5000));
        for (int i = 0; i < 55; i++) {
            header.append("; aw").append(100 + i).append("=v");
        }
        header.append("; aw2=a\u0001b; other=1");

        Optional<String> primary = bridge.forPrimary(header.toString());

        assertThat(primary).hasValueSatisfying(h -> assertThat(h.split("; ")).hasSize(50));
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        CookieProblem.OVERSIZE,
                        CookieProblem.TOO_MANY,
                        CookieProblem.TOO_MANY,
                        CookieProblem.TOO_MANY,
                        CookieProblem.TOO_MANY,
                        CookieProblem.TOO_MANY,
                        CookieProblem.MALFORMED);
        assertThat(bridge.forLegacy(header.toString())).contains("other=1");
    }

    @Test
    void passThroughScopesCookiesWithoutAPhase() {
        assertThat(bridge.passThrough(List.of("s=1; Domain=shareasale.com"), "www.shareasale.com", false))
                .containsExactly("s=1; Domain=.shareasale.com; Path=/");
    }

    @Test
    void aPolicyRefusesALegacyCookieNameThatIsAwins() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CookiePolicy(
                        Optional.empty(),
                        Duration.ofDays(1),
                        1,
                        100,
                        "aw{merchant}",
                        Duration.ofDays(1),
                        true,
                        OptionalInt.empty()))
                .hasMessageContaining("legacyClickCookie: aw{merchant}");
    }
}
