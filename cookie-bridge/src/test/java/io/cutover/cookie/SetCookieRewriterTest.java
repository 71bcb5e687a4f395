package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SetCookieRewriterTest {

    private final SetCookieRewriter legacyDomain = SetCookieRewriter.toDomain(".shareasale.com");
    private final SetCookieRewriter hostOnly = SetCookieRewriter.hostOnly();

    @Test
    void replacesAwinsDomainWithTheLegacyDomain() {
        assertThat(legacyDomain.rewrite("aw1001=9334_1516099141_ee2e; Domain=.awin1.com; Path=/"))
                .contains("aw1001=9334_1516099141_ee2e; Domain=.shareasale.com; Path=/");
    }

    @Test
    void removesTheDomainWhenNoneIsConfigured() {
        assertThat(hostOnly.rewrite("aw1001=x; Domain=.awin1.com; Path=/; Secure"))
                .contains("aw1001=x; Path=/; Secure");
        assertThat(hostOnly.rewrite("aw1001=x; Path=/; Domain=.awin1.com")).contains("aw1001=x; Path=/");
        assertThat(hostOnly.rewrite("aw1001=x; Domain=.awin1.com")).contains("aw1001=x");
    }

    @Test
    void keepsEveryOtherAttributeVerbatimAndInOrder() {
        String setCookie = "aw1001=abc; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Max-Age=2592000;"
                + " Domain=.awin1.com; Secure; HttpOnly; SameSite=None; Partitioned; Priority=High; X-Ext=a=b";

        assertThat(legacyDomain.rewrite(setCookie))
                .contains("aw1001=abc; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT;"
                        + " Max-Age=2592000; Domain=.shareasale.com; Secure; HttpOnly; SameSite=None; Partitioned;"
                        + " Priority=High; X-Ext=a=b");
    }

    @Test
    void keepsAnExpiresDateWithItsComma() {
        assertThat(legacyDomain.rewrite("awc=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Domain=.awin1.com"))
                .contains("awc=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Domain=.shareasale.com");
    }

    @Test
    void matchesTheDomainAttributeNameCaseInsensitively() {
        assertThat(legacyDomain.rewrite("a=1; DOMAIN=.awin1.com; path=/"))
                .contains("a=1; Domain=.shareasale.com; path=/");
        assertThat(legacyDomain.rewrite("a=1; dOmAiN=.awin1.com")).contains("a=1; Domain=.shareasale.com");
    }

    @Test
    void toleratesWhitespaceAroundAttributes() {
        assertThat(legacyDomain.rewrite("a=1;Domain=.awin1.com;Path=/")).contains("a=1; Domain=.shareasale.com;Path=/");
        assertThat(legacyDomain.rewrite("a=1 ;  Domain = .awin1.com ;\tPath=/"))
                .contains("a=1 ; Domain=.shareasale.com;\tPath=/");
        assertThat(legacyDomain.rewrite("a=1; \tDomain\t; Path=/")).contains("a=1; Domain=.shareasale.com; Path=/");
    }

    @Test
    void writesOneDomainWhereTheFirstStoodAndDropsTheRest() {
        assertThat(legacyDomain.rewrite("a=1; Path=/; Domain=.awin1.com; Secure; domain=www.awin1.com; HttpOnly"))
                .contains("a=1; Path=/; Domain=.shareasale.com; Secure; HttpOnly");
        assertThat(hostOnly.rewrite("a=1; Domain=.awin1.com; Domain=awin1.com; Path=/"))
                .contains("a=1; Path=/");
    }

    @Test
    void replacesAnEmptyDomain() {
        assertThat(legacyDomain.rewrite("a=1; Domain=; Path=/")).contains("a=1; Domain=.shareasale.com; Path=/");
    }

    @Test
    void leavesACookieWithoutDomainHostOnlyAndUntouched() {
        String setCookie = "_aw_m_1001=x; Path=/; Max-Age=31536000; Secure;  SameSite=Lax";

        assertThat(legacyDomain.rewrite(setCookie))
                .hasValueSatisfying(v -> assertThat(v).isSameAs(setCookie));
        assertThat(hostOnly.rewrite(setCookie))
                .hasValueSatisfying(v -> assertThat(v).isSameAs(setCookie));
    }

    @Test
    void leavesTheNameValuePairAloneEvenWhenItLooksLikeAnAttribute() {
        assertThat(legacyDomain.rewrite("Domain=.awin1.com; Path=/")).contains("Domain=.awin1.com; Path=/");
        assertThat(legacyDomain.rewrite("a=x; Domain=1; Domainx=2; xDomain=3"))
                .contains("a=x; Domain=.shareasale.com; Domainx=2; xDomain=3");
    }

    @Test
    void keepsValuesWithEqualsSignsAndQuotes() {
        assertThat(legacyDomain.rewrite("awc=\"a=b==\"; Domain=.awin1.com"))
                .contains("awc=\"a=b==\"; Domain=.shareasale.com");
    }

    @Test
    void relaysACookieWithoutAttributes() {
        assertThat(legacyDomain.rewrite("awc=1")).contains("awc=1");
        assertThat(legacyDomain.rewrite("awc=1;")).contains("awc=1;");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a=1\r\nSet-Cookie: evil=1",
                "a=1; Domain=.awin1.com\r\nLocation: https://evil.example",
                "a=1\n; Path=/",
                "a=1\r",
                "a=1\u0000; Path=/",
                "a=1; Path=/\u0000",
                "a=1; Domain=.awin1.com\u000b",
                "a=1; Path=/\u007f",
            })
    void refusesValuesWithControlCharacters(String setCookie) {
        assertThat(legacyDomain.rewrite(setCookie)).isEmpty();
        assertThat(hostOnly.rewrite(setCookie)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "; Domain=.awin1.com", "  ; Path=/"})
    void refusesValuesWithoutANameValuePair(String setCookie) {
        assertThat(legacyDomain.rewrite(setCookie)).isEmpty();
    }

    @Test
    void allowsTabsAndNonAsciiText() {
        assertThat(legacyDomain.rewrite("a=é;\tDomain=.awin1.com")).contains("a=é; Domain=.shareasale.com");
    }

    @Test
    void reportsItsDomain() {
        assertThat(legacyDomain.domain()).contains(".shareasale.com");
        assertThat(hostOnly.domain()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {".shareasale.com", "shareasale.com", "www.shareasale.com", "localhost", "a-b.c1.io"})
    void acceptsHostNamesAsTheCookieDomain(String domain) {
        assertThat(SetCookieRewriter.toDomain(domain).domain()).contains(domain);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".",
                "..com",
                "shareasale..com",
                "shareasale.com.",
                "-a.com",
                "a-.com",
                "share asale.com",
                "shareasale.com; Secure",
                "shareasale.com\r\nX: y",
                "shäreasale.com",
                "a_b.com"
            })
    void rejectsACookieDomainThatIsNotAHostName(String domain) {
        assertThatThrownBy(() -> SetCookieRewriter.toDomain(domain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cookieDomain: '");
    }
}
