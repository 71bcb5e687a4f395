package io.cutover.ops.log;

import java.util.List;
import java.util.Locale;

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
            int end = uri.indexOf('&', start);
            if (end < 0) {
                end = uri.length();
            }
            int eq = uri.indexOf('=', start);
            if (eq >= 0 && eq < end && isSecret(uri.substring(start, eq))) {
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
            int end = uri.indexOf('&', start);
            if (end < 0) {
                end = uri.length();
            }
            int eq = uri.indexOf('=', start);
            if (eq >= 0 && eq < end && isSecret(uri.substring(start, eq))) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SECRET_NAMES.contains(lower)) {
            return true;
        }
        for (String part : SECRET_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
