package io.cutover.ops.log;

import java.util.List;

/**
 * Keeps secrets out of logged request URIs: the value of every query parameter whose name says
 * it holds a credential ({@code token}, {@code access_token}, {@code password}, {@code
 * session_id}, {@code api_key}, {@code sig} …) is replaced by {@value #REDACTED}. Tracking links
 * carry none, but a mistyped or hostile URI may, and a log must never hold one.
 *
 * <p>Names are matched case-insensitively after percent-decoding nothing: an encoded name is
 * still caught by its plain parts ({@code %74oken} is not, and is not a name a client library
 * would send).
 */
final class QueryRedaction {

    static final String REDACTED = "[redacted]";

    /** Parts of a parameter name that mark its value as a secret. */
    private static final List<String> SECRET_PARTS = List.of(
            "token",
            "secret",
            "password",
            "passwd",
            "pwd",
            "auth",
            "session",
            "sessid",
            "apikey",
            "api_key",
            "api-key",
            "signature",
            "cookie",
            "credential",
            "jwt",
            "bearer");

    /** Names that are secrets only as a whole ({@code sig}, {@code key}), not as parts of others. */
    private static final List<String> SECRET_NAMES = List.of("sig", "key", "pass", "sid", "code");

    /** The parts by their first letter (all are lower-case ASCII), so a name is scanned once. */
    private static final String[][] PARTS_BY_FIRST = new String[128][];

    static {
        for (String part : SECRET_PARTS) {
            char first = part.charAt(0);
            String[] known = PARTS_BY_FIRST[first];
            String[] grown = known == null ? new String[1] : java.util.Arrays.copyOf(known, known.length + 1);
            grown[grown.length - 1] = part;
            PARTS_BY_FIRST[first] = grown;
        }
    }

    private QueryRedaction() {}

    /** {@code uri} with secret parameter values replaced; the same string when it has none. */
    static String redact(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        if (q < 0 || !hasSecret(uri, q + 1)) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        int start = q + 1;
        while (true) {
            int end = end(uri, start);
            int eq = equalsSign(uri, start, end);
            if (eq >= 0 && isSecret(uri, start, eq)) {
                out.append(uri, start, eq + 1).append(REDACTED);
            } else {
                out.append(uri, start, end);
            }
            if (end >= uri.length()) {
                return out.toString();
            }
            out.append('&');
            start = end + 1;
        }
    }

    private static boolean hasSecret(String uri, int start) {
        while (start < uri.length()) {
            int end = end(uri, start);
            int eq = equalsSign(uri, start, end);
            if (eq >= 0 && isSecret(uri, start, eq)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Where the pair at {@code start} ends: its {@code &}, or the end of the URI. */
    private static int end(String uri, int start) {
        int end = uri.indexOf('&', start);
        return end < 0 ? uri.length() : end;
    }

    /** The pair's {@code =}, or -1 when it has none (a name alone). */
    private static int equalsSign(String uri, int start, int end) {
        for (int i = start; i < end; i++) {
            if (uri.charAt(i) == '=') {
                return i;
            }
        }
        return -1;
    }

    static boolean isSecret(String name) {
        return isSecret(name, 0, name.length());
    }

    /**
     * Whether the name in {@code text[start, end)} marks a secret, ignoring case: a whole secret
     * name, or one with a secret part. Read where it stands, with no lower-cased copy; a
     * character that lower-cases to a part's first letter outside ASCII (the Kelvin sign for
     * {@code k}) is compared as that letter, so matching it is never weaker than lower-casing.
     */
    private static boolean isSecret(String text, int start, int end) {
        int length = end - start;
        for (String whole : SECRET_NAMES) {
            if (whole.length() == length && text.regionMatches(true, start, whole, 0, length)) {
                return true;
            }
        }
        for (int i = start; i < end; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            String[] parts = c < PARTS_BY_FIRST.length ? PARTS_BY_FIRST[c] : null;
            if (parts != null) {
                for (String part : parts) {
                    if (part.length() <= end - i && text.regionMatches(true, i, part, 0, part.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
