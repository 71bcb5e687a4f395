package io.cutover.mapping.query;

/**
 * ASCII-only case folding and character classes. Locale- and Unicode-aware methods would let
 * {@code "I"} or the Kelvin sign fold differently per JVM; query names and host names are ASCII
 * rules, so these fold only {@code A-Z}.
 */
public final class Ascii {

    private Ascii() {}

    /** The string with {@code A-Z} lower-cased; the same instance when nothing changes. */
    public static String lower(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && !isUpper(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (; i < n; i++) {
            if (isUpper(chars[i])) {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    public static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    public static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || isUpper(c);
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of a hexadecimal digit, or -1. */
    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
