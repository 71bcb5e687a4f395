package io.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRedirectTest {

    private static final Predicate<String> EXAMPLE = SafeRedirect.within(List.of("example.com"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com",
                "https://example.com/",
                "http://www.example.com/p?q=1#top",
                "HTTPS://WWW.EXAMPLE.COM/",
                "https://shop.example.com:8443/cart",
                "https://example.com:/p",
                "https://example.com./p",
                "https://www.example.com/?awc=15532_1_abc&u=https://evil.com",
                "https://www.example.com/r?to=//evil.com@evil.com",
                "https://www.example.com#//evil.com"
            })
    void acceptsPlainTargetsOnTheMerchantsDomains(String location) {
        assertThat(SafeRedirect.check(location, EXAMPLE)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://evil.com/|DOMAIN_NOT_ALLOWED",
                "https://example.com.evil.com/|DOMAIN_NOT_ALLOWED",
                "https://evilexample.com/|DOMAIN_NOT_ALLOWED",
                "https://evil.com#.example.com|DOMAIN_NOT_ALLOWED",
                "https://evil.com?.example.com|DOMAIN_NOT_ALLOWED",
                "https://evil.com/.example.com|DOMAIN_NOT_ALLOWED",
                "https://xn--exmple-cua.com/|DOMAIN_NOT_ALLOWED",
                "//evil.com/|NOT_ABSOLUTE",
                "/path|NOT_ABSOLUTE",
                "example.com/|NOT_ABSOLUTE",
                "https:evil.com|NOT_ABSOLUTE",
                "https:/evil.com|NOT_ABSOLUTE",
                "https:///evil.com|NOT_ABSOLUTE",
                "javascript:alert(1)|NOT_HTTP",
                "data:text/html;base64,PHNjcmlwdD4=|NOT_HTTP",
                "ftp://example.com/|NOT_HTTP",
                "https://example.com@evil.com/|USERINFO",
                "https://user:pass@example.com/|USERINFO",
                "https://example.com\\@evil.com/|BACKSLASH",
                "https:\\\\evil.com|BACKSLASH",
                "https://example.com%2eevil.com/|ENCODED_HOST",
                "https://evil.com%2fexample.com/|ENCODED_HOST",
                "https://127.0.0.1/|IP_LITERAL",
                "https://2130706433/|IP_LITERAL",
                "https://0177.0.0.1/|IP_LITERAL",
                "https://0x7f.0.0.1/|IP_LITERAL",
                "https://0x7f000001/|IP_LITERAL",
                "https://127.1/|IP_LITERAL",
                "https://[::1]/|IP_LITERAL",
                "https://[::ffff:127.0.0.1]:443/|IP_LITERAL",
                "https://example.com:99999/|INVALID_HOST",
                "https://example.com:80a/|INVALID_HOST",
                "https:///|NOT_ABSOLUTE",
                "https://:443/|INVALID_HOST",
                "https://exa mple.com/|INVALID_HOST",
                "https://ex\u00e4mple.com/|INVALID_HOST",
                "https://example..com/|INVALID_HOST"
            })
    void refusesEveryOtherTarget(String location, RedirectProblem expected) {
        assertThat(SafeRedirect.check(location, EXAMPLE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://exa\tmple.com/",
                "https://example.com/\r\nSet-Cookie: a=1",
                "https://example.com/\n",
                "https://example.com/\u0000",
                "\thttps://example.com/",
                "https://example.com/\u007f"
            })
    void refusesControlCharactersAnywhere(String location) {
        assertThat(SafeRedirect.check(location, EXAMPLE)).isEqualTo(RedirectProblem.CONTROL_CHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.com/", "http://anything.example.net:8080/x"})
    void acceptsAnyPlainHostForAnUnknownMerchant(String location) {
        assertThat(SafeRedirect.check(location, SafeRedirect.ANY_HOST)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1/", "//evil.com", "https://a@evil.com/", "javascript:x"})
    void refusesTheFormsThatAreNeverSafeEvenForAnUnknownMerchant(String location) {
        assertThat(SafeRedirect.check(location, SafeRedirect.ANY_HOST)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({
        "CONTROL_CHARACTERS, control-characters",
        "DOMAIN_NOT_ALLOWED, domain-not-allowed",
        "IP_LITERAL, ip-literal"
    })
    void tagsAreHyphenatedLowerCase(RedirectProblem problem, String tag) {
        assertThat(problem.tag()).isEqualTo(tag);
    }
}
