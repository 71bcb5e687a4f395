package io.cutover.cookie;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The shopper's consent as a tracking link carries it (platforms.md §3.2, §6.11, A7): {@code
 * cons=0} refuses, {@code cons=1} or no {@code cons} gives it; with {@code gdpr=1} the TCF string
 * in {@code gdpr_consent} decides ({@link TcfConsent}), and a missing or unreadable string counts
 * as a refusal. With a refusal Cutover writes no tracking cookie; the parameters themselves go to
 * Awin untouched (the mapping forwards them).
 *
 * @param refused whether no tracking cookie may be written
 * @param unreadable whether a TCF string was present but could not be read (counted)
 */
public record Consent(boolean refused, boolean unreadable) {

    /** Consent given, or not asked for. */
    public static final Consent GIVEN = new Consent(false, false);

    /**
     * The consent of a link's parameters, each as received (after percent-decoding), or null when
     * absent.
     *
     * @param vendorId the TCF vendor whose consent is also required, or empty for purpose 1 only
     */
    public static Consent of(String cons, String gdpr, String gdprConsent, OptionalInt vendorId) {
        if ("0".equals(cons)) {
            return new Consent(true, false);
        }
        boolean applies = "1".equals(gdpr) || (gdpr == null && gdprConsent != null && !gdprConsent.isEmpty());
        if (!applies) {
            return GIVEN;
        }
        if (gdprConsent == null || gdprConsent.isEmpty()) {
            return new Consent(true, false);
        }
        return switch (TcfConsent.read(gdprConsent, vendorId)) {
            case CONSENTED -> GIVEN;
            case REFUSED -> new Consent(true, false);
            case UNREADABLE -> new Consent(true, true);
        };
    }

    /**
     * The consent of a link's raw query: {@code cons}, {@code gdpr} and {@code gdpr_consent}, the
     * first of each, names matched case-insensitively as ShareASale's are (platforms.md §6.2),
     * HTML-escaped separators ({@code &amp;}) tolerated (§6.1), values percent-decoded once.
     */
    public static Consent ofQuery(String rawQuery, OptionalInt vendorId) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return GIVEN;
        }
        String cons = null;
        String gdpr = null;
        String gdprConsent = null;
        int length = rawQuery.length();
        int pos = 0;
        while (pos < length) {
            int amp = rawQuery.indexOf('&', pos);
            int end = amp < 0 ? length : amp;
            int start = pos;
            if (rawQuery.startsWith("amp;", start)) {
                start += 4;
            } else if (rawQuery.startsWith("#38;", start)) {
                start += 4;
            }
            int eq = rawQuery.indexOf('=', start);
            if (eq > start && eq < end) {
                // Names are matched in place: no string for each of the click's parameters.
                if (cons == null && isName(rawQuery, start, eq, "cons")) {
                    cons = decode(rawQuery, eq + 1, end);
                } else if (gdpr == null && isName(rawQuery, start, eq, "gdpr")) {
                    gdpr = decode(rawQuery, eq + 1, end);
                } else if (gdprConsent == null && isName(rawQuery, start, eq, "gdpr_consent")) {
                    gdprConsent = decode(rawQuery, eq + 1, end);
                }
            }
            pos = end + 1;
        }
        return of(cons, gdpr, gdprConsent, vendorId);
    }

    /** {@code query[start, end)} equals {@code name} ignoring case, as {@link String#equalsIgnoreCase}. */
    private static boolean isName(String query, int start, int end, String name) {
        return end - start == name.length() && query.regionMatches(true, start, name, 0, name.length());
    }

    private static String decode(String s, int from, int to) {
        int percent = s.indexOf('%', from);
        if (percent < 0 || percent >= to) {
            return s.substring(from, to).trim();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c < 0x80 ? c : '?');
            }
        }
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    private static int hex(char c) {
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
