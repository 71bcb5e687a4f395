package io.cutover.web;

import java.util.List;
import java.util.function.Predicate;

/**
 * The safe-redirect check every {@code Location} Cutover sends for a click passes, whoever wrote
 * it: Cutover itself, the primary, or legacy. Strict on purpose: a target is safe only in the one
 * plain form {@code http(s)://host[:port][/path][?query][#fragment]} in which every URL parser,
 * the browser's above all, finds the same host. Anything a browser would repair or reinterpret
 * (missing or extra slashes, backslashes, user info, escapes or raw non-ASCII in the host,
 * control characters) is refused rather than guessed at; Cutover's own canonical landings are
 * always in the plain form.
 *
 * <p>Then the host: never an IP literal, and, for a merchant the directory knows, one of its
 * allowed domains or their subdomains.
 */
public final class SafeRedirect {

    /** Any valid host name will do: the merchant is unknown. */
    public static final Predicate<String> ANY_HOST = host -> true;

    private SafeRedirect() {}

    /** A host predicate that accepts the given canonical domains and their subdomains. */
    public static Predicate<String> within(List<String> domains) {
        List<String> copy = List.copyOf(domains);
        return host -> {
            for (String domain : copy) {
                if (HostNames.isWithin(host, domain)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Checks a redirect target.
     *
     * @param location the {@code Location} value as it would be sent, or {@code null}
     * @param hostAllowed whether a canonical host may be redirected to ({@link #ANY_HOST} when the
     *     merchant is unknown)
     * @return {@code null} when the target is safe, else the first problem found
     */
    public static RedirectProblem check(CharSequence location, Predicate<String> hostAllowed) {
        if (location == null) {
            return RedirectProblem.NOT_ABSOLUTE;
        }
        int n = location.length();
        if (ControlCharacters.inUrl(location)) {
            return RedirectProblem.CONTROL_CHARACTERS;
        }
        for (int i = 0; i < n; i++) {
            if (location.charAt(i) == '\\') {
                return RedirectProblem.BACKSLASH;
            }
        }
        int authority;
        if (startsWithIgnoreCase(location, "https:")) {
            authority = 6;
        } else if (startsWithIgnoreCase(location, "http:")) {
            authority = 5;
        } else {
            return hasScheme(location) ? RedirectProblem.NOT_HTTP : RedirectProblem.NOT_ABSOLUTE;
        }
        if (n < authority + 2
                || location.charAt(authority) != '/'
                || location.charAt(authority + 1) != '/'
                || (n > authority + 2 && location.charAt(authority + 2) == '/')) {
            return RedirectProblem.NOT_ABSOLUTE;
        }
        authority += 2;
        int end = authority;
        while (end < n && !isAuthorityEnd(location.charAt(end))) {
            end++;
        }
        int colon = -1;
        for (int i = authority; i < end; i++) {
            char c = location.charAt(i);
            if (c == '@') {
                return RedirectProblem.USERINFO;
            }
            if (c == '%') {
                return RedirectProblem.ENCODED_HOST;
            }
            if (c == '[' || c == ']') {
                return RedirectProblem.IP_LITERAL;
            }
            if (c == ':') {
                colon = i;
            }
        }
        int hostEnd = colon >= 0 ? colon : end;
        if (colon >= 0 && !isPort(location, colon + 1, end)) {
            return RedirectProblem.INVALID_HOST;
        }
        String hostText = location.subSequence(authority, hostEnd).toString();
        if (hostText.isEmpty() || !HostNames.isAscii(hostText)) {
            return RedirectProblem.INVALID_HOST;
        }
        String host = HostNames.canonical(hostText);
        if (host == null) {
            return RedirectProblem.INVALID_HOST;
        }
        if (HostNames.isIpLiteral(host)) {
            return RedirectProblem.IP_LITERAL;
        }
        return hostAllowed.test(host) ? null : RedirectProblem.DOMAIN_NOT_ALLOWED;
    }

    /** Empty (browsers ignore it) or 1–5 digits up to 65535. */
    private static boolean isPort(CharSequence s, int from, int to) {
        if (to - from > 5) {
            return false;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!HostNames.isDigit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 65535;
    }

    /** A URL scheme followed by ':' (RFC 3986 §3.1). */
    private static boolean hasScheme(CharSequence s) {
        if (s.length() == 0 || !HostNames.isAlpha(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!HostNames.isAlpha(c) && !HostNames.isDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return false;
    }

    private static boolean isAuthorityEnd(char c) {
        return c == '/' || c == '?' || c == '#';
    }

    private static boolean startsWithIgnoreCase(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if ((s.charAt(i) | 0x20) != prefix.charAt(i) && s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
