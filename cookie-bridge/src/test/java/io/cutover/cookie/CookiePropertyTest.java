package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CookiePropertyTest {

    private static final SetCookieRewriter LEGACY_DOMAIN = SetCookieRewriter.toDomain(".shareasale.com");

    @Property(tries = 3000)
    void rewriteNeverThrowsNorRelaysAControlCharacter(@ForAll("setCookies") String setCookie) {
        for (SetCookieRewriter rewriter : List.of(LEGACY_DOMAIN, SetCookieRewriter.hostOnly())) {
            rewriter.rewrite(setCookie)
                    .ifPresent(out -> assertThat(out.chars()).noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f));
        }
    }

    @Property(tries = 3000)
    void rewriteKeepsEveryOtherAttributeInOrderAndOneDomainAtMost(@ForAll("setCookies") String setCookie) {
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
        kept.removeIf(CookiePropertyTest::isDomain);

        assertThat(pair(rewritten.get())).isEqualTo(pair(setCookie));
        assertThat(after.stream().filter(CookiePropertyTest::isDomain).toList())
                .hasSize(before.stream().anyMatch(CookiePropertyTest::isDomain) ? 1 : 0)
                .allMatch(a -> a.equals("Domain=.shareasale.com"));
        assertThat(after.stream().filter(a -> !isDomain(a)).toList()).isEqualTo(kept);
        assertThat(afterHostOnly).isEqualTo(kept);
    }

    @Property(tries = 3000)
    void splitSendsEachCookieToExactlyOneSide(@ForAll("cookieHeaders") String header) {
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

    @Property(tries = 2000)
    void splitNeverThrowsNorForwardsAControlCharacterOnAnyInput(@ForAll("noise") String header) {
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

    @Provide
    Arbitrary<String> setCookies() {
        Arbitrary<String> pair = Arbitraries.of(
                "aw1001=abc",
                "awc=9334_1516099141_ee2e",
                "a=\"q=1\"",
                "x=",
                "=v",
                "lonely",
                " ",
                "",
                "Domain=.awin1.com");
        Arbitrary<String> attribute = Arbitraries.oneOf(
                Arbitraries.of(
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
                        "a\u0000"),
                Arbitraries.strings().withChars("Domain=;, \t.aw1\r\n").ofMaxLength(12));
        return pair.flatMap(p -> attribute.list().ofMaxSize(6).map(list -> p + join(list)));
    }

    private static String join(List<String> attributes) {
        StringBuilder out = new StringBuilder();
        for (String attribute : attributes) {
            out.append(';').append(attribute);
        }
        return out.toString();
    }

    @Provide
    Arbitrary<String> cookieHeaders() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of(
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
                        ""),
                Arbitraries.strings().withChars("aw_mjsn0123").ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "1", "a=b", "\"quoted\"", "x y"),
                Arbitraries.strings().alpha().numeric().ofMaxLength(10));
        Arbitrary<String> cookie = Arbitraries.oneOf(
                name.flatMap(n -> value.map(v -> n + "=" + v)), Arbitraries.of("lonely", "", " ", "\t"));
        Arbitrary<String> separator = Arbitraries.of("; ", ";", " ;", ";  ", ";;");
        return cookie.list()
                .ofMaxSize(8)
                .flatMap(cookies -> separator.list().ofSize(cookies.size()).map(separators -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < cookies.size(); i++) {
                        if (i > 0) {
                            out.append(separators.get(i));
                        }
                        out.append(cookies.get(i));
                    }
                    return out.toString();
                }));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aw1c_=; \t\"\r\n\u0000").ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(40));
    }
}
