package io.cutover.mapping.landing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LandingUrlTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "www.example.com/page?id=6             | https://www.example.com/page?id=6",
                "//www.example.com/p                   | https://www.example.com/p",
                "HTTPS://WWW.Example.COM/Path          | https://www.example.com/Path",
                "http://www.example.com./p             | http://www.example.com/p",
                "https://www.example.com               | https://www.example.com/",
                "https://www.example.com?x=1           | https://www.example.com/?x=1",
                "https://www.example.com#top           | https://www.example.com/#top",
                "https://www.example.com:443/p         | https://www.example.com/p",
                "https://www.example.com:8443/p        | https://www.example.com:8443/p",
                "www.example.com:8080/p                | https://www.example.com:8080/p",
                "https://www.example.com/a b?q=\"x\"    | https://www.example.com/a%20b?q=%22x%22",
                "https://www.example.com/ö?q=€#é       | https://www.example.com/%C3%B6?q=%E2%82%AC#%C3%A9",
                "https://www.example.com/100%          | https://www.example.com/100%25",
                "https://www.example.com/p?a=%26#f#g   | https://www.example.com/p?a=%26#f%23g",
                "https:/\\www.example.com/p            | https://www.example.com/p",
                "https://user:pw@www.example.com/p     | https://www.example.com/p",
            })
    void writesTheCanonicalAbsoluteForm(String given, String canonical) {
        LandingUrl url = LandingUrl.parse(given);

        assertThat(url.verdict()).isEqualTo(LandingVerdict.SAFE);
        assertThat(url.canonical()).isEqualTo(canonical);
    }

    @Test
    void resolvesTheRealHostBehindUserInfo() {
        LandingUrl url = LandingUrl.parse("https://example.com@evil.com/");

        assertThat(url.host()).isEqualTo("evil.com");
        assertThat(url.userinfoDropped()).isTrue();
        assertThat(url.canonical()).isEqualTo("https://evil.com/");
    }

    @Test
    void endsTheAuthorityAtABackslashAsBrowsersDo() {
        LandingUrl url = LandingUrl.parse("https://evil.com\\@example.com");

        assertThat(url.host()).isEqualTo("evil.com");
        assertThat(url.canonical()).isEqualTo("https://evil.com/%5C@example.com");
    }

    @Test
    void convertsInternationalNamesToPunycode() {
        assertThat(LandingUrl.parse("https://bücher.example/").host()).isEqualTo("xn--bcher-kva.example");
        assertThat(LandingUrl.parse("https://ｅｘａｍｐｌｅ．ｃｏｍ/").host()).isEqualTo("example.com");
        assertThat(LandingUrl.parse("https://exаmple.com/").host()).startsWith("xn--");
    }

    @Test
    void marksTheSchemeAsAssumedWhenMissing() {
        assertThat(LandingUrl.parse("www.example.com").schemeAssumed()).isTrue();
        assertThat(LandingUrl.parse("http://www.example.com").schemeAssumed()).isFalse();
    }

    @Test
    void refusesOtherSchemes() {
        assertThat(LandingUrl.parse("javascript:alert(1)").verdict()).isEqualTo(LandingVerdict.NOT_HTTP);
        assertThat(LandingUrl.parse("data:text/html,<script>").verdict()).isEqualTo(LandingVerdict.NOT_HTTP);
        assertThat(LandingUrl.parse("ftp://example.com/").verdict()).isEqualTo(LandingVerdict.NOT_HTTP);
        assertThat(LandingUrl.parse("JavaScript:alert(1)").scheme()).isEqualTo("javascript");
    }

    @Test
    void refusesMissingAndInvalidHosts() {
        assertThat(LandingUrl.parse("https://").verdict()).isEqualTo(LandingVerdict.NO_HOST);
        assertThat(LandingUrl.parse("https:///").verdict()).isEqualTo(LandingVerdict.NO_HOST);
        assertThat(LandingUrl.parse("https://user@/p").verdict()).isEqualTo(LandingVerdict.NO_HOST);
        assertThat(LandingUrl.parse("https://ex ample.com/").verdict()).isEqualTo(LandingVerdict.INVALID_HOST);
        assertThat(LandingUrl.parse("https://example.com%2Fp").verdict()).isEqualTo(LandingVerdict.INVALID_HOST);
        assertThat(LandingUrl.parse("https://[::1]/").verdict()).isEqualTo(LandingVerdict.INVALID_HOST);
        assertThat(LandingUrl.parse("https://a..com/").verdict()).isEqualTo(LandingVerdict.INVALID_HOST);
        assertThat(LandingUrl.parse("https://example.com:99999/").verdict()).isEqualTo(LandingVerdict.INVALID_HOST);
        assertThat(LandingUrl.parse("https://example.com:8x/").verdict()).isEqualTo(LandingVerdict.INVALID_HOST);
    }
}
