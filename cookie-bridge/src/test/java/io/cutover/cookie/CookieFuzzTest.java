package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cookie bridge on generated and arbitrary headers. Methods that take "any" input read the
 * seed's last byte as the choice: an even one (a final newline) means the rest is raw header text,
 * so those seeds read as the headers they are; otherwise the header is built from the fuzzer's
 * data the way backends and browsers write them.
 */
class CookieFuzzTest {

    private static final SetCookieRewriter LEGACY_DOMAIN = SetCookieRewriter.toDomain(".shareasale.com");

    @FuzzTest
    @DictionaryEntries({";", "=", "Domain=", "domain", ".awin1.com", "Path=/", "\\x0D\\x0A", "\\x00", "\\\"", ","})
    void rewriteNeverThrowsNorRelaysAControlCharacter(FuzzedDataProvider data) {
        String setCookie = data.consumeBoolean() ? setCookie(data) : data.consumeRemainingAsString();
        for (SetCookieRewriter rewriter : List.of(LEGACY_DOMAIN, SetCookieRewriter.hostOnly())) {
            rewriter.rewrite(setCookie)
                    .ifPresent(out -> assertThat(out.chars()).noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f));
        }
    }

    /** Claimed for Set-Cookie values as backends write them: a pair, then attributes. */
    @FuzzTest
    void rewriteKeepsEveryOtherAttributeInOrderAndOneDomainAtMost(FuzzedDataProvider data) {
        String setCookie = setCookie(data);
        Optional<String> rewritten = LEGACY_DOMAIN.rewrite(setCookie);
        Optional<String> hostOnly = SetCookieRewriter.hostOnly().rewrite(setCookie);
        if (rewritten.isEmpty()) {
            assertThat(hostOnly).isEmpty();
            return;
        }
        List<String> before = attributes(setCookie);
        List<String> after = attributes(rewritten.get());
        List<String> afterHostOnly = attributes(hostOnly.orElseThrow());
        List<String> kept = new ArrayList<>(before);
        kept.removeIf(CookieFuzzTest::isDomain);

        assertThat(pair(rewritten.get())).isEqualTo(pair(setCookie));
        assertThat(after.stream().filter(CookieFuzzTest::isDomain).toList())
                .hasSize(before.stream().anyMatch(CookieFuzzTest::isDomain) ? 1 : 0)
                .allMatch(a -> a.equals("Domain=.shareasale.com"));
        assertThat(after.stream().filter(a -> !isDomain(a)).toList()).isEqualTo(kept);
        assertThat(afterHostOnly).isEqualTo(kept);
    }

    @FuzzTest
    void splitSendsEachCookieToExactlyOneSide(FuzzedDataProvider data) {
        String header = data.consumeBoolean() ? cookieHeader(data) : data.consumeRemainingAsString();
        List<Cookie> all = CookieHeader.parse(header);
        List<Cookie> primary =
                CookieHeader.forPrimary(header).map(CookieHeader::parse).orElse(List.of());
        List<Cookie> legacy =
                CookieHeader.forLegacy(header).map(CookieHeader::parse).orElse(List.of());

        assertThat(primary).allMatch(Cookie::isAwin);
        assertThat(legacy).noneMatch(Cookie::isAwin);
        assertThat(primary).isEqualTo(all.stream().filter(Cookie::isAwin).toList());
        assertThat(legacy).isEqualTo(all.stream().filter(c -> !c.isAwin()).toList());
    }

    @FuzzTest
    @DictionaryEntries({"; ", "=", "aw", "awc=", "_aw_m_", "awin_", "sscid=", "\\\"", "\\x09", "\\x0D\\x0A", "\\x00"})
    void splitNeverThrowsNorForwardsAControlCharacterOnAnyInput(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();
        CookieHeader.parse(header);
        for (Optional<String> side : List.of(CookieHeader.forPrimary(header), CookieHeader.forLegacy(header))) {
            side.ifPresent(out -> {
                assertThat(out).isNotBlank();
                assertThat(out.chars()).noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
            });
        }
    }

    private static String pair(String setCookie) {
        int semicolon = setCookie.indexOf(';');
        return semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
    }

    /** Attributes trimmed, empty ones skipped: what a browser would read (RFC 6265 §5.2). */
    private static List<String> attributes(String setCookie) {
        List<String> attributes = new ArrayList<>();
        String[] parts = setCookie.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String trimmed = parts[i].strip();
            if (!trimmed.isEmpty()) {
                attributes.add(trimmed);
            }
        }
        return attributes;
    }

    private static boolean isDomain(String attribute) {
        int eq = attribute.indexOf('=');
        String name = (eq < 0 ? attribute : attribute.substring(0, eq)).strip();
        return name.equalsIgnoreCase("domain");
    }

    private static final List<String> PAIRS = List.of(
            "aw1001=abc", "awc=9334_1516099141_ee2e", "a=\"q=1\"", "x=", "=v", "lonely", " ", "", "Domain=.awin1.com");
    private static final List<String> ATTRIBUTES = List.of(
            "Domain=.awin1.com",
            "DOMAIN=awin1.com",
            " domain = x ",
            "Domain",
            "Domain=",
            "Path=/",
            "Expires=Wed, 21 Oct 2026 07:28:00 GMT",
            "Max-Age=0",
            "Secure",
            "HttpOnly",
            "SameSite=None",
            "Partitioned",
            "X-Ext=a=b",
            "Domainx=1",
            "",
            " ",
            "\tPath=/a\t",
            "Path=/\r\n",
            "a\u0000");
    private static final List<String> NAMES = List.of(
            "aw1001",
            "awpv1001",
            "_aw_m_1",
            "_aw_j_22",
            "_aw_sn_3",
            "awc",
            "adv_awc",
            "awin_awc",
            "awin_sn_awc",
            "awin_source",
            "aw",
            "awx",
            "bm_sz",
            "_abck",
            "sas_m_awin",
            "sscid",
            "");
    private static final List<String> VALUES = List.of("", "1", "a=b", "\"quoted\"", "x y");
    private static final List<String> LONE = List.of("lonely", "", " ", "\t");
    private static final List<String> SEPARATORS = List.of("; ", ";", " ;", ";  ", ";;");

    /** A pair, then up to six attributes, each a known one or built from a small alphabet. */
    private static String setCookie(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder(data.pickValue(PAIRS));
        int attributes = data.consumeInt(0, 6);
        for (int i = 0; i < attributes; i++) {
            out.append(';')
                    .append(
                            data.consumeBoolean()
                                    ? data.pickValue(ATTRIBUTES)
                                    : text(data, "Domain=;, \t.aw1\r\n", 0, 12));
        }
        return out.toString();
    }

    /** Up to eight cookies, named like Awin's, the others' and neither, joined by sloppy separators. */
    private static String cookieHeader(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder();
        int cookies = data.consumeInt(0, 8);
        for (int i = 0; i < cookies; i++) {
            if (i > 0) {
                out.append(data.pickValue(SEPARATORS));
            }
            if (data.consumeInt(0, 4) == 0) {
                out.append(data.pickValue(LONE));
                continue;
            }
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : text(data, "aw_mjsn0123", 1, 8);
            String value = data.consumeBoolean()
                    ? data.pickValue(VALUES)
                    : text(data, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 0, 10);
            out.append(name).append('=').append(value);
        }
        return out.toString();
    }

    private static String text(FuzzedDataProvider data, String alphabet, int min, int max) {
        int n = data.consumeInt(min, max);
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return out.toString();
    }
}
