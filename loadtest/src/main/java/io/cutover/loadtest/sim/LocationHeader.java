package io.cutover.loadtest.sim;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Makes a landing URL fit for a {@code Location} header. HTTP/1.1 headers are ISO-8859-1 on the
 * wire, so spaces and non-ASCII characters are percent-encoded as UTF-8 (what browsers do with
 * them anyway); control characters, CR and LF above all, make the URL unusable.
 */
final class LocationHeader {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LocationHeader() {}

    /** The header value, or empty when the URL holds a control character. */
    static Optional<String> of(String url) {
        StringBuilder safe = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                return Optional.empty();
            }
            if (c == ' ' || c > 0x7E) {
                if (safe == null) {
                    safe = new StringBuilder(url.length() + 16).append(url, 0, i);
                }
                int end = Character.isHighSurrogate(c) && i + 1 < url.length() ? i + 2 : i + 1;
                for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    safe.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
                i = end - 1;
            } else if (safe != null) {
                safe.append(c);
            }
        }
        return Optional.of(safe == null ? url : safe.toString());
    }
}
