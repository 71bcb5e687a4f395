package io.cutover.mapping.query;

/**
 * Percent-decoding that never throws: a malformed escape ({@code %zz}, a trailing {@code %4}) and
 * bytes that are not valid UTF-8 ({@code %E9} from a Latin-1 page) are kept literally, so a value
 * that cannot be decoded is passed on rather than lost. {@link java.net.URLDecoder} throws on the
 * first and cannot be told to keep the second.
 *
 * <p>Two flavours because the legacy parameters need both (platforms.md §6.8): URLs decode per RFC
 * 3986, where {@code +} is a literal plus; sub-IDs and text decode as HTML forms, where {@code +} is
 * a space.
 */
public final class PercentDecoder {

    private PercentDecoder() {}

    /** RFC 3986 decoding: {@code %XX} sequences only; {@code +} stays {@code +}. */
    public static String decodeComponent(String s) {
        return decode(s, false);
    }

    /** HTML-form decoding: {@code %XX} sequences and {@code +} as a space. */
    public static String decodeForm(String s) {
        return decode(s, true);
    }

    private static String decode(String s, boolean plusIsSpace) {
        int n = s.length();
        int first = 0;
        while (first < n) {
            char c = s.charAt(first);
            if (c == '%' || (plusIsSpace && c == '+')) {
                break;
            }
            first++;
        }
        if (first == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n);
        out.append(s, 0, first);
        byte[] bytes = null;
        int i = first;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%' && isEscape(s, i)) {
                if (bytes == null) {
                    bytes = new byte[(n - i) / 3];
                }
                int runStart = i;
                int count = 0;
                while (i < n && s.charAt(i) == '%' && isEscape(s, i)) {
                    bytes[count++] = (byte) (Ascii.hexValue(s.charAt(i + 1)) << 4 | Ascii.hexValue(s.charAt(i + 2)));
                    i += 3;
                }
                appendUtf8(out, bytes, count, s, runStart);
            } else {
                out.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && Ascii.hexValue(s.charAt(i + 1)) >= 0 && Ascii.hexValue(s.charAt(i + 2)) >= 0;
    }

    /**
     * Decodes a run of escaped bytes as UTF-8; a maximal invalid subpart is appended as its original
     * {@code %XX} text ({@code source} from {@code runStart}, three characters per byte).
     */
    private static void appendUtf8(StringBuilder out, byte[] bytes, int count, String source, int runStart) {
        int j = 0;
        while (j < count) {
            int b = bytes[j] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                j++;
                continue;
            }
            int need;
            int codePoint;
            int lower = 0x80;
            int upper = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                codePoint = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                codePoint = b & 0x0F;
                lower = b == 0xE0 ? 0xA0 : 0x80;
                upper = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                codePoint = b & 0x07;
                lower = b == 0xF0 ? 0x90 : 0x80;
                upper = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                out.append(source, runStart + 3 * j, runStart + 3 * j + 3);
                j++;
                continue;
            }
            int k = j + 1;
            boolean valid = true;
            for (int t = 0; t < need; t++) {
                int c = k < count ? bytes[k] & 0xFF : -1;
                int lo = t == 0 ? lower : 0x80;
                int hi = t == 0 ? upper : 0xBF;
                if (c < lo || c > hi) {
                    valid = false;
                    break;
                }
                codePoint = codePoint << 6 | (c & 0x3F);
                k++;
            }
            if (valid) {
                out.appendCodePoint(codePoint);
            } else {
                out.append(source, runStart + 3 * j, runStart + 3 * k);
            }
            j = k;
        }
    }
}
