package io.cutover.cookie;

/**
 * Which cookie names are Awin's (platforms.md §3.4): the click and post-view cookies
 * {@code aw<mid>} and {@code awpv<mid>}, the MasterTag's {@code _aw_m_<mid>}, {@code _aw_j_<mid>}
 * and {@code _aw_sn_<mid>}, and the click-ID cookies integrations write: {@code awc},
 * {@code adv_awc}, {@code awin_awc}, {@code awin_sn_awc}, {@code awin_source}.
 *
 * <p>Names are matched case-sensitively, as browsers store them, and by hand: this runs for
 * every cookie of every tracked request.
 */
public final class AwinCookies {

    private static final String[] EXACT = {"awc", "adv_awc", "awin_awc", "awin_sn_awc", "awin_source"};
    private static final String[] DIGIT_SUFFIXED = {"_aw_m_", "_aw_j_", "_aw_sn_", "awpv", "aw"};

    private AwinCookies() {}

    /** True when {@code name} is one of Awin's cookie names. */
    public static boolean isAwin(String name) {
        return name != null && isAwin(name, 0, name.length());
    }

    /** True when {@code s[from, to)} is one of Awin's cookie names; no substring is made. */
    public static boolean isAwin(String s, int from, int to) {
        int length = to - from;
        if (length < 3 || (s.charAt(from) != 'a' && s.charAt(from) != '_')) {
            return false;
        }
        for (String exact : EXACT) {
            if (length == exact.length() && s.startsWith(exact, from)) {
                return true;
            }
        }
        for (String prefix : DIGIT_SUFFIXED) {
            if (length > prefix.length() && s.startsWith(prefix, from) && digitsOnly(s, from + prefix.length(), to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digitsOnly(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
