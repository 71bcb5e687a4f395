package io.cutover.web;

/**
 * The one rule for control characters, in two strengths: none at all in a URL, and none but HTAB
 * in a header field value. Every place that judges text for a header or a redirect asks here, so
 * the config check, the mapping, the cookie bridge and the server cannot disagree.
 *
 * <p>A URL gets the strict rule because browsers remove TAB, CR and LF from a URL wherever they
 * stand (WHATWG URL, "basic URL parser" step 3): {@code https://exa\tmple.com} is judged as one host
 * and reached as another. A header value may carry HTAB (RFC 9110 §5.5 field-vchar and OWS); CR,
 * LF and NUL would split or truncate it.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** A C0 control character (U+0000–U+001F) or DEL (U+007F). */
    public static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }

    /** A character a header field value may not hold: any control character but HTAB. */
    public static boolean isUnsafeInFieldValue(char c) {
        return isControl(c) && c != '\t';
    }

    /** Whether {@code s} holds any control character: the rule for URLs. */
    public static boolean inUrl(CharSequence s) {
        return inUrl(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} holds any control character. */
    public static boolean inUrl(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} holds a character a header field value may not: the rule for headers. */
    public static boolean inFieldValue(CharSequence s) {
        return inFieldValue(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} holds a character a header field value may not. */
    public static boolean inFieldValue(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isUnsafeInFieldValue(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
