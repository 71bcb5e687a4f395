package io.cutover.cookie;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a request's {@code Cookie} header and splits it between the backends: Awin's cookies
 * ({@link AwinCookies}) go to the primary, every other cookie to legacy, so that neither
 * platform sees the other's tracking state.
 *
 * <p>Parsing is lenient, as browsers and old clients are: pieces are separated by {@code ;}
 * with or without a space, empty pieces are skipped, a value may hold {@code =} or be quoted,
 * and a piece without {@code =} is a nameless cookie (RFC 6265bis), which goes to legacy. A piece
 * with a control character is dropped, so it never reaches a backend's header. Kept pieces are
 * copied verbatim (trimmed) and joined with {@code "; "} (RFC 6265 §4.2.1).
 *
 * <p>A request with several {@code Cookie} headers (HTTP/2 splits them) must have them joined
 * with {@code "; "} first.
 */
public final class CookieHeader {

    private CookieHeader() {}

    /** The cookies of a {@code Cookie} header value, in order; empty for null or blank. */
    public static List<Cookie> parse(String header) {
        List<Cookie> cookies = new ArrayList<>();
        if (header == null) {
            return cookies;
        }
        int length = header.length();
        int pos = 0;
        while (pos <= length) {
            int end = pieceEnd(header, pos);
            int start = HttpText.skipWhitespace(header, pos, end);
            int stop = HttpText.trimEnd(header, start, end);
            if (start < stop && !HttpText.hasControl(header, start, stop)) {
                int eq = HttpText.indexOf(header, '=', start, stop);
                if (eq < 0) {
                    cookies.add(new Cookie("", header.substring(start, stop)));
                } else {
                    int nameEnd = HttpText.trimEnd(header, start, eq);
                    int valueStart = HttpText.skipWhitespace(header, eq + 1, stop);
                    cookies.add(new Cookie(header.substring(start, nameEnd), header.substring(valueStart, stop)));
                }
            }
            pos = end + 1;
        }
        return cookies;
    }

    /** The {@code Cookie} header for the primary: Awin's cookies only; empty when there are none. */
    public static Optional<String> forPrimary(String header) {
        return select(header, true);
    }

    /** The {@code Cookie} header for legacy: every cookie but Awin's; empty when there are none. */
    public static Optional<String> forLegacy(String header) {
        return select(header, false);
    }

    private static Optional<String> select(String header, boolean awin) {
        if (header == null) {
            return Optional.empty();
        }
        int length = header.length();
        // While the kept pieces sit next to each other in the header, separated by exactly
        // "; ", the result is a substring of it: the common case where every cookie belongs to
        // one side costs no copy at all. The builder starts at the first gap.
        int spanStart = -1;
        int spanEnd = -1;
        StringBuilder out = null;
        int pos = 0;
        while (pos <= length) {
            int end = pieceEnd(header, pos);
            int start = HttpText.skipWhitespace(header, pos, end);
            int stop = HttpText.trimEnd(header, start, end);
            if (start < stop && isAwin(header, start, stop) == awin && !HttpText.hasControl(header, start, stop)) {
                if (out != null) {
                    out.append("; ").append(header, start, stop);
                } else if (spanStart < 0) {
                    spanStart = start;
                    spanEnd = stop;
                } else if (start - spanEnd == 2 && header.charAt(spanEnd) == ';' && header.charAt(spanEnd + 1) == ' ') {
                    spanEnd = stop;
                } else {
                    out = new StringBuilder(length);
                    out.append(header, spanStart, spanEnd).append("; ").append(header, start, stop);
                }
            }
            pos = end + 1;
        }
        if (out != null) {
            return Optional.of(out.toString());
        }
        if (spanStart < 0) {
            return Optional.empty();
        }
        return Optional.of(spanStart == 0 && spanEnd == length ? header : header.substring(spanStart, spanEnd));
    }

    private static int pieceEnd(String header, int from) {
        int semicolon = header.indexOf(';', from);
        return semicolon < 0 ? header.length() : semicolon;
    }

    private static boolean isAwin(String header, int start, int stop) {
        int eq = HttpText.indexOf(header, '=', start, stop);
        if (eq < 0) {
            return false;
        }
        return AwinCookies.isAwin(header, start, HttpText.trimEnd(header, start, eq));
    }
}
