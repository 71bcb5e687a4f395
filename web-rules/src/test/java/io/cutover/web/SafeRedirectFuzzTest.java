package io.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Any text through the safe-redirect check. Whatever it accepts, a browser takes to a named host
 * on the allowed domains: the host is found here the lenient way browsers find it (TAB/CR/LF
 * dropped, slashes and backslashes skipped, user info up to the last {@code @} dropped, escapes
 * decoded, IDNA applied), independently of the check's own parsing.
 */
class SafeRedirectFuzzTest {

    private static final List<String> DOMAINS = List.of("example.com", "shop.example.org");

    @FuzzTest
    @DictionaryEntries({
        "https://",
        "http://",
        "example.com",
        ".example.com",
        "evil.com",
        "@",
        "\\\\",
        "//",
        "%2e",
        "%2f",
        "#",
        "?",
        ":",
        "[::1]",
        "0x7f",
        "\\x09",
        "\\x0D\\x0A",
        "\u3002",
        "\uff0e",
        "xn--"
    })
    void acceptedTargetsStayOnTheAllowedDomains(String location) {
        if (location == null) {
            return;
        }
        RedirectProblem problem = SafeRedirect.check(location, SafeRedirect.within(DOMAINS));
        if (problem != null) {
            return;
        }
        assertThat(ControlCharacters.inUrl(location)).isFalse();
        assertThat(location).doesNotContain("\\");
        String lower = location.toLowerCase(Locale.ROOT);
        assertThat(lower).matches("(?s)https?://[^/@?#\\\\%]+([/?#].*)?");
        String host = browserHost(location);
        assertThat(HostNames.isIpLiteral(host)).as(host).isFalse();
        assertThat(DOMAINS.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d)))
                .as("%s goes to %s", location, host)
                .isTrue();
    }

    /** The host a browser navigates to for an http(s) URL, found without Cutover's code. */
    private static String browserHost(String url) {
        String u = url.strip().replace("\t", "").replace("\r", "").replace("\n", "");
        int i = u.indexOf(':') + 1;
        while (i < u.length() && (u.charAt(i) == '/' || u.charAt(i) == '\\')) {
            i++;
        }
        int end = i;
        while (end < u.length() && "/\\?#".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        String authority = u.substring(i, end);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = decode(colon < 0 ? hostPort : hostPort.substring(0, colon));
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a name a browser resolves; the assertion on domains decides
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%'
                    && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
