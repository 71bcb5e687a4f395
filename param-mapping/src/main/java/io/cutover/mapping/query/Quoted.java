package io.cutover.mapping.query;

/**
 * Quotes a value from a file or a request for a message: single quotes, at most {@link #MAX}
 * characters, anything outside printable ASCII shown as {@code ?}. Messages end up in logs and in
 * 400 bodies, so a value must never smuggle a line break or markup into them.
 */
public final class Quoted {

    /** The longest part of a value shown. */
    public static final int MAX = 40;

    private Quoted() {}

    /** {@code 'abc'}, shortened with {@code …} past {@link #MAX} characters. */
    public static String of(String value) {
        return "'" + shown(value, MAX) + "'";
    }

    /** {@code 'abc'}, shortened with {@code …} past {@code max} characters. */
    public static String of(String value, int max) {
        return "'" + shown(value, max) + "'";
    }

    /**
     * The value as a message may show it, without quotes: at most {@code max} characters (then
     * {@code …}), anything outside printable ASCII, and markup, as {@code ?}.
     */
    public static String shown(String value, int max) {
        int shown = Math.min(value.length(), max);
        StringBuilder text = new StringBuilder(shown + 1);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            text.append(c < 0x20 || c > 0x7E || c == '<' || c == '>' || c == '"' || c == '\\' ? '?' : c);
        }
        if (value.length() > max) {
            text.append('…');
        }
        return text.toString();
    }
}
