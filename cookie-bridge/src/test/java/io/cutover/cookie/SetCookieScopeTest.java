package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SetCookieScopeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String AWIN = "aw15532=15532_1764590400_0123456789abcdef0123456789abcdef; Domain=.awin1.com;"
            + " Path=/; Max-Age=2592000; SameSite=None; Secure";

    private final List<CookieProblem> problems = new ArrayList<>();
    private final SetCookieScope legacyDomain = new SetCookieScope(policy(Duration.ofDays(400)), CLOCK);

    private static CookiePolicy policy(Duration maxLifetime) {
        return new CookiePolicy(
                Optional.of(".shareasale.com"),
                maxLifetime,
                50,
                4096,
                "sscid_{merchant}",
                Duration.ofDays(30),
                true,
                OptionalInt.empty());
    }

    private Optional<String> rewrite(String setCookie, String host, boolean secure) {
        return legacyDomain.rewrite(setCookie, host, secure, problems::add);
    }

    @Test
    void scopesAwinsCookieToTheLegacyDomainOverHttpsAsACrossSiteCookie() {
        assertThat(rewrite(AWIN, "www.shareasale.com", true))
                .contains("aw15532=15532_1764590400_0123456789abcdef0123456789abcdef; Domain=.shareasale.com;"
                        + " Path=/; Max-Age=2592000; Secure; SameSite=None");
    }

    @Test
    void makesTheCookieHostOnlyWhenTheHostIsOutsideTheConfiguredDomain() {
        assertThat(rewrite(AWIN, "127.0.0.1:8443", true))
                .hasValueSatisfying(c -> assertThat(c).doesNotContainIgnoringCase("domain"));
        assertThat(rewrite(AWIN, "evilshareasale.com", true))
                .hasValueSatisfying(c -> assertThat(c).doesNotContainIgnoringCase("domain"));
        assertThat(rewrite(AWIN, "shareasale.com", true))
                .hasValueSatisfying(c -> assertThat(c).contains("; Domain=.shareasale.com;"));
        assertThat(rewrite(AWIN, "WWW.ShareASale.com.", true))
                .hasValueSatisfying(c -> assertThat(c).contains("; Domain=.shareasale.com;"));
    }

    @Test
    void setsPathToTheRootSoTheCookieReachesEveryTrackingEndpoint() {
        assertThat(rewrite("a=1; Path=/r.cfm", "www.shareasale.com", true))
                .hasValueSatisfying(c -> assertThat(c).contains("; Path=/;").doesNotContain("/r.cfm"));
        assertThat(rewrite("a=1", "www.shareasale.com", true))
                .hasValueSatisfying(c -> assertThat(c).contains("; Path=/"));
    }

    @Test
    void dropsSecureAndSameSiteNoneOverPlainHttpWhereTheBrowserWouldRefuseTheCookie() {
        assertThat(rewrite(AWIN, "www.shareasale.com", false))
                .contains("aw15532=15532_1764590400_0123456789abcdef0123456789abcdef; Domain=.shareasale.com;"
                        + " Path=/; Max-Age=2592000");
        assertThat(rewrite("a=1; SameSite=Lax", "localhost", false)).contains("a=1; Path=/; SameSite=Lax");
    }

    @Test
    void keepsTheBackendsSameSiteWhenCrossSiteCookiesAreOff() {
        SetCookieScope firstParty = new SetCookieScope(
                new CookiePolicy(
                        Optional.empty(),
                        Duration.ofDays(400),
                        50,
                        4096,
                        "sscid_{merchant}",
                        Duration.ofDays(30),
                        false,
                        OptionalInt.empty()),
                CLOCK);
        assertThat(firstParty.rewrite("a=1; SameSite=Lax; Secure", "h", true, problems::add))
                .contains("a=1; Path=/; Secure; SameSite=Lax");
    }

    @Test
    void capsMaxAgeAtThePolicysLongestLifetime() {
        SetCookieScope capped = new SetCookieScope(policy(Duration.ofDays(7)), CLOCK);
        assertThat(capped.rewrite(AWIN, "localhost", true, problems::add))
                .hasValueSatisfying(c -> assertThat(c).contains("; Max-Age=604800;"));
        assertThat(capped.rewrite("a=1; Max-Age=60", "localhost", true, problems::add))
                .hasValueSatisfying(c -> assertThat(c).contains("; Max-Age=60;"));
    }

    @Test
    void capsAFarExpiresWithAMaxAgeAndKeepsANearOne() {
        SetCookieScope capped = new SetCookieScope(policy(Duration.ofDays(7)), CLOCK);
        assertThat(capped.rewrite("a=1; Expires=Wed, 01 Dec 2027 12:00:00 GMT", "h", true, problems::add))
                .contains("a=1; Path=/; Expires=Wed, 01 Dec 2027 12:00:00 GMT; Max-Age=604800; Secure; SameSite=None");
        assertThat(capped.rewrite("a=1; expires=Fri, 04-Dec-2026 12:00:00 GMT", "h", true, problems::add))
                .contains("a=1; Path=/; Expires=Fri, 04-Dec-2026 12:00:00 GMT; Secure; SameSite=None");
        assertThat(capped.rewrite("a=1; Expires=someday", "h", true, problems::add))
                .contains("a=1; Path=/; Expires=someday; Secure; SameSite=None");
    }

    @Test
    void keepsHttpOnlyAndUnknownExtensionsInOrderAndPartitionedOnlyOverHttps() {
        assertThat(rewrite("a=1; HttpOnly; Priority=High; Partitioned; X=a=b", "h", true))
                .contains("a=1; Path=/; Secure; SameSite=None; HttpOnly; Partitioned; Priority=High; X=a=b");
        assertThat(rewrite("a=1; HttpOnly; Partitioned", "h", false)).contains("a=1; Path=/; HttpOnly");
    }

    @Test
    void leavesSecurePrefixedCookiesOutOverPlainHttpAndKeepsHostPrefixedOnesHostOnly() {
        assertThat(rewrite("__Host-id=1; Domain=.awin1.com; Path=/; Secure", "www.shareasale.com", false))
                .isEmpty();
        assertThat(rewrite("__Secure-id=1; Secure", "www.shareasale.com", false))
                .isEmpty();
        assertThat(problems).containsExactly(CookieProblem.INSECURE_PREFIX, CookieProblem.INSECURE_PREFIX);
        assertThat(rewrite("__Host-id=1; Domain=.awin1.com; Path=/; Secure", "www.shareasale.com", true))
                .contains("__Host-id=1; Path=/; Secure; SameSite=None");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "novalue", "=1", "bad name=1", "a\r\nSet-Cookie: b=2", "a=1\u0000", "a(b)=1"})
    void refusesAndCountsMalformedCookies(String setCookie) {
        assertThat(rewrite(setCookie, "h", true)).isEmpty();
        assertThat(problems).containsExactly(CookieProblem.MALFORMED);
    }

    @Test
    void refusesAndCountsAnOversizedPair() {
        assertThat(rewrite("a=" + "x".repeat(4095), "h", true)).isEmpty();
        assertThat(problems).containsExactly(CookieProblem.OVERSIZE);
        assertThat(rewrite("a=" + "x".repeat(4094), "h", true)).isPresent();
    }

    @Test
    void keepsOneDomainWhateverTheBackendSent() {
        assertThat(rewrite("a=1; Domain=.awin1.com; domain=.evil.example; DOMAIN=x", "www.shareasale.com", true))
                .contains("a=1; Domain=.shareasale.com; Path=/; Secure; SameSite=None");
    }
}
