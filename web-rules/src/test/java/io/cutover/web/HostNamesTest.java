package io.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Example.COM, example.com",
        "example.com., example.com",
        "b\u00fccher.de, xn--bcher-kva.de",
        // Full-width letters and the ideographic full stop fold as browsers fold them.
        "\uff45xample\u3002com, example.com",
        // Cyrillic 'а' in place of the Latin one: another name, in punycode, never example.com.
        "ex\u0430mple.com, xn--exmple-4nf.com",
        "under_score.example.com, under_score.example.com"
    })
    void canonicalIsTheAsciiNameABrowserLooksUp(String host, String canonical) {
        assertThat(HostNames.canonical(host)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a..b", "exa mple.com", "a%2eb", "[::1]", "a/b", "a@b"})
    void canonicalRefusesWhatIsNoName(String host) {
        assertThat(HostNames.canonical(host)).isNull();
    }

    @Test
    void canonicalRefusesOverlongNames() {
        assertThat(HostNames.canonical("a".repeat(64) + ".com")).isNull();
        assertThat(HostNames.canonical(("a".repeat(60) + ".").repeat(5) + "com"))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "example.0x1f", "1.2.3"})
    void ipLiteralsInEveryNotation(String host) {
        assertThat(HostNames.isIpLiteral(host)).isTrue();
        assertThat(HostNames.isHostName(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.example.com", "example.com1", "0xample.com", "x0.com"})
    void namesThatOnlyLookNumeric(String host) {
        assertThat(HostNames.isIpLiteral(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "www.shareasale.com", "localhost", "A-B.example.COM", "a1.b2"})
    void hostNamesOperatorsWrite(String name) {
        assertThat(HostNames.isHostName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-.com", "-a.com", "a.-b.com", "a..com", "..a.com", "a.com.", "a_b.com", "a b.com", ""})
    void notHostNames(String name) {
        assertThat(HostNames.isHostName(name)).isFalse();
        assertThat(HostNames.isCookieDomain(name)).isFalse();
    }

    @Test
    void cookieDomainsMayStartWithTheDotBrowsersIgnore() {
        assertThat(HostNames.isCookieDomain(".shareasale.com")).isTrue();
        assertThat(HostNames.isCookieDomain("shareasale.com")).isTrue();
        assertThat(HostNames.isCookieDomain("..shareasale.com")).isFalse();
        assertThat(HostNames.isCookieDomain(".")).isFalse();
    }

    @Test
    void canonicalDomainsAreLowerCaseWithTwoLabels() {
        assertThat(HostNames.isCanonicalDomain("example.com")).isTrue();
        assertThat(HostNames.isCanonicalDomain("Example.com")).isFalse();
        assertThat(HostNames.isCanonicalDomain("localhost")).isFalse();
        assertThat(HostNames.isCanonicalDomain("a-.com")).isFalse();
    }

    @Test
    void withinMeansTheDomainOrASubdomain() {
        assertThat(HostNames.isWithin("example.com", "example.com")).isTrue();
        assertThat(HostNames.isWithin("www.example.com", "example.com")).isTrue();
        assertThat(HostNames.isWithin("evilexample.com", "example.com")).isFalse();
        assertThat(HostNames.isWithin("example.com.evil.com", "example.com")).isFalse();
    }
}
