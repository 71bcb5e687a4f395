package io.cutover.mapping;

import io.cutover.mapping.query.PercentDecoder;

/** The value transformations of the text-like rules, shared by translation and explanation. */
final class Values {

    private Values() {}

    /**
     * A sub-ID: form-decoded ({@code +} is a space in sub-IDs only, platforms.md §6.8), control
     * characters removed, capped at {@code max} characters.
     */
    static String subid(String raw, int max) {
        return cap(removeControls(PercentDecoder.decodeForm(raw)), max);
    }

    /** Free text: form-decoded, capped at {@code max} characters when {@code max > 0}. */
    static String text(String raw, int max) {
        return cap(PercentDecoder.decodeForm(raw), max);
    }

    static String removeControls(String s) {
        int i = 0;
        while (i < s.length() && !Character.isISOControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder kept = new StringBuilder(s.length());
        kept.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** The first {@code max} code points (a surrogate pair is never split); 0 means no cap. */
    static String cap(String s, int max) {
        if (max <= 0 || s.length() <= max || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }
}
