package io.cutover.mapping.query;

/** Text facts the generated-input tests need. */
public final class Texts {

    private Texts() {}

    /** Whether the text has a surrogate without its partner: it has no UTF-8 form. */
    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
