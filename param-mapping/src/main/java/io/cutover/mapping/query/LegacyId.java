package io.cutover.mapping.query;

/**
 * Normalises a legacy ShareASale ID (merchant, affiliate): form-decoded, surrounding whitespace
 * trimmed, ASCII digits only, leading zeros stripped ({@code B=02} style values appear in old
 * docs, platforms.md §1.1). The normalised form is the directory's key.
 */
public final class LegacyId {

    /** Longer IDs are not ShareASale IDs (they have 5–7 digits) and would not fit a {@code long}. */
    public static final int MAX_DIGITS = 18;

    private LegacyId() {}

    /** The normalised ID, or {@code null} when the value is blank, not a number, or too long. */
    public static String normalise(String raw) {
        if (isPlainDigits(raw)) {
            return raw;
        }
        String value = trim(raw.indexOf('%') >= 0 || raw.indexOf('+') >= 0 ? PercentDecoder.decodeForm(raw) : raw);
        int n = value.length();
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (!Ascii.isDigit(value.charAt(i))) {
                return null;
            }
        }
        int first = 0;
        while (first < n - 1 && value.charAt(first) == '0') {
            first++;
        }
        return n - first > MAX_DIGITS ? null : value.substring(first);
    }

    /** Whether a value that did not normalise was blank (missing) rather than malformed. */
    public static boolean isBlank(String raw) {
        return trim(PercentDecoder.decodeForm(raw)).isEmpty();
    }

    /** What a valid ID looks like, for messages about a value that did not normalise. */
    public static String expectation(String raw) {
        String value = trim(PercentDecoder.decodeForm(raw));
        for (int i = 0; i < value.length(); i++) {
            if (!Ascii.isDigit(value.charAt(i))) {
                return "a number";
            }
        }
        return "a number of at most " + MAX_DIGITS + " digits";
    }

    /** The value of a normalised ID. */
    public static long toLong(String normalised) {
        long value = 0;
        for (int i = 0; i < normalised.length(); i++) {
            value = value * 10 + (normalised.charAt(i) - '0');
        }
        return value;
    }

    private static boolean isPlainDigits(String raw) {
        int n = raw.length();
        if (n == 0 || n > MAX_DIGITS || (raw.charAt(0) == '0' && n > 1)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Ascii.isDigit(raw.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** ASCII whitespace and the no-break space that HTML copies bring along. */
    private static boolean isSpace(char c) {
        return c <= ' ' || c == '\u00A0' || Character.isWhitespace(c);
    }
}
