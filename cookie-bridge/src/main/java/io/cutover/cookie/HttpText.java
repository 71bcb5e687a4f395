package io.cutover.cookie;

import io.cutover.web.ControlCharacters;

/** Character classes shared by the cookie parsers (RFC 9110 §5.5, RFC 6265 §4). */
final class HttpText {

    private HttpText() {}

    /** Space or horizontal tab: the whitespace RFC 6265 §5.2 strips around names and values. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * True when {@code s[from, to)} holds a control character other than HTAB. None of them is
     * legal in a header field value, and CR, LF and NUL would split or truncate the header, so
     * such text never reaches one. The rule is the shared one of every header Cutover writes.
     */
    static boolean hasControl(String s, int from, int to) {
        return ControlCharacters.inFieldValue(s, from, to);
    }

    /**
     * The index of {@code c} in {@code s[from, to)}, or -1. Bounded, unlike
     * {@link String#indexOf(int, int)}, so that scanning every piece of a header stays linear.
     */
    static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The first index in {@code [from, to)} that is not whitespace, or {@code to}. */
    static int skipWhitespace(String s, int from, int to) {
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** The index after the last character in {@code [from, to)} that is not whitespace, or {@code from}. */
    static int trimEnd(String s, int from, int to) {
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }
}
