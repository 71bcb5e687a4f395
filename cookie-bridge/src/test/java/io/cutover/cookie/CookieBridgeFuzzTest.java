package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.web.ControlCharacters;
import java.util.List;
import java.util.Optional;

/**
 * Any Cookie and Set-Cookie header a client or a backend can send, through the bridge: it never
 * throws, never writes more than it was given but for the separators it normalises (a hostile
 * header cannot be amplified upstream or downstream), and never lets a character that could split a header
 * through.
 */
class CookieBridgeFuzzTest {

    private static final String DOMAIN = ".shareasale.com";
    private static final SetCookieRewriter REWRITER = SetCookieRewriter.toDomain(DOMAIN);

    @FuzzTest
    @DictionaryEntries({"; ", ";", "=", "aw1001=", "awc=", "_aw_m_", "sscid=", "\"", "\\x09", "\\x0D\\x0A", "\\x00"})
    void bridgeNeverThrowsAndItsOutputIsBounded(String header) {
        if (header == null) {
            return;
        }
        List<Cookie> cookies = CookieHeader.parse(header);
        assertThat(cookies.size()).isLessThanOrEqualTo(header.length() / 2 + 1);
        int total = 0;
        for (Optional<String> side : List.of(CookieHeader.forPrimary(header), CookieHeader.forLegacy(header))) {
            if (side.isPresent()) {
                String out = side.get();
                // Rejoined with "; ": at most one space more per cookie than the client sent.
                assertThat(out.length()).isLessThanOrEqualTo(header.length() + cookies.size());
                assertThat(ControlCharacters.inFieldValue(out)).isFalse();
                total += out.length();
            }
        }
        // The two sides share the cookies out: together no more than the input and a separator each.
        assertThat(total).isLessThanOrEqualTo(header.length() + 2 * cookies.size() + 2);
    }

    @FuzzTest
    @DictionaryEntries({"; Domain=", "; domain=.awin1.com", "; Path=/", "; Max-Age=", "=", "\\x0D\\x0A", "\\x00"})
    void rewriteNeverThrowsAndItsOutputIsBounded(String setCookie) {
        for (SetCookieRewriter rewriter : List.of(REWRITER, SetCookieRewriter.hostOnly())) {
            Optional<String> out = rewriter.rewrite(setCookie);
            if (out.isPresent()) {
                // At most one Domain of ours in place of the backend's ones.
                assertThat(out.get().length())
                        .isLessThanOrEqualTo(setCookie.length() + "; Domain=".length() + DOMAIN.length());
                assertThat(ControlCharacters.inFieldValue(out.get())).isFalse();
            }
        }
    }
}
