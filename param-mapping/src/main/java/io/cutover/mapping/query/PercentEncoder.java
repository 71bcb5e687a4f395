package io.cutover.mapping.query;

/**
 * Percent-encoding for the values Cutover emits. Hand-written because {@link java.net.URLEncoder}
 * is an HTML-form encoder ({@code +} for space, {@code *} left raw), while Awin values are
 * encoded per RFC 3986: only unreserved characters stay as they are.
 */
public final class PercentEncoder {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoder() {}

    /**
     * Encodes everything except RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}), as
     * UTF-8. A lone surrogate is encoded as U+FFFD. The same instance when nothing needs encoding.
     */
    public static String encodeComponent(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isUnreserved(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n + 16);
        out.append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (isUnreserved(c)) {
                out.append(c);
                i++;
            } else {
                i = appendEncoded(out, s, i);
            }
        }
        return out.toString();
    }

    /**
     * Appends {@code s} encoded as {@link #encodeComponent} does, straight into {@code out}: no
     * intermediate string. Encoding is per character, so appending the parts of a value one by
     * one gives the encoding of the whole.
     */
    public static void appendComponent(StringBuilder out, String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isUnreserved(c)) {
                out.append(c);
                i++;
            } else {
                i = appendEncoded(out, s, i);
            }
        }
    }

    /**
     * Encodes only what may not appear in a URL: controls, space, {@code " < > \ ^ ` { | }}, a
     * {@code #} (this is always a part, never a whole URL), non-ASCII as UTF-8, and a {@code %} that
     * does not start a valid escape. Valid escapes and all other characters are kept as given.
     */
    public static String escapeIllegal(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isLegal(s, i)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n + 16);
        out.append(s, 0, i);
        while (i < n) {
            if (isLegal(s, i)) {
                out.append(s.charAt(i));
                i++;
            } else {
                i = appendEncoded(out, s, i);
            }
        }
        return out.toString();
    }

    public static boolean isUnreserved(char c) {
        return Ascii.isAlpha(c) || Ascii.isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isLegal(String s, int i) {
        char c = s.charAt(i);
        if (c <= 0x20 || c >= 0x7F) {
            return false;
        }
        switch (c) {
            case '"':
            case '<':
            case '>':
            case '\\':
            case '^':
            case '`':
            case '{':
            case '|':
            case '}':
            case '#':
                return false;
            case '%':
                return i + 2 < s.length()
                        && Ascii.hexValue(s.charAt(i + 1)) >= 0
                        && Ascii.hexValue(s.charAt(i + 2)) >= 0;
            default:
                return true;
        }
    }

    /** Appends the UTF-8 escapes of the code point at {@code i}; answers the next index. */
    private static int appendEncoded(StringBuilder out, String s, int i) {
        char c = s.charAt(i);
        int codePoint = c;
        int next = i + 1;
        if (Character.isHighSurrogate(c) && next < s.length() && Character.isLowSurrogate(s.charAt(next))) {
            codePoint = Character.toCodePoint(c, s.charAt(next));
            next++;
        } else if (Character.isSurrogate(c)) {
            codePoint = 0xFFFD;
        }
        if (codePoint < 0x80) {
            appendByte(out, codePoint);
        } else if (codePoint < 0x800) {
            appendByte(out, 0xC0 | codePoint >> 6);
            appendByte(out, 0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            appendByte(out, 0xE0 | codePoint >> 12);
            appendByte(out, 0x80 | codePoint >> 6 & 0x3F);
            appendByte(out, 0x80 | codePoint & 0x3F);
        } else {
            appendByte(out, 0xF0 | codePoint >> 18);
            appendByte(out, 0x80 | codePoint >> 12 & 0x3F);
            appendByte(out, 0x80 | codePoint >> 6 & 0x3F);
            appendByte(out, 0x80 | codePoint & 0x3F);
        }
        return next;
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
    }
}
