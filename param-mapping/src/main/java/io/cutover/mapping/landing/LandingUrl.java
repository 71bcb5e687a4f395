package io.cutover.mapping.landing;

import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.PercentEncoder;
import io.cutover.web.HostNames;

/**
 * A decoded deep link parsed the way a browser parses an http(s) URL and written back in one
 * canonical absolute form. The host in {@link #host()} is the host of {@link #canonical()}: the
 * string that is judged is the string that is emitted.
 *
 * <p>Parsing follows the WHATWG URL rules for special schemes where they decide the host: any run
 * of {@code /} and {@code \} after the scheme is skipped, the authority ends at the first
 * {@code /}, {@code \}, {@code ?} or {@code #}, and user info ends at the <em>last</em> {@code @}.
 * So {@code https://example.com@evil.com/} is on {@code evil.com}, and
 * {@code https://evil.com\@example.com} is on {@code evil.com}. The canonical form drops user info,
 * writes {@code scheme://host[:port]} in lower case, and percent-encodes what is illegal in the
 * rest ({@code \} included, so no browser re-reads it as a separator).
 *
 * @param verdict {@link LandingVerdict#SAFE} when the URL is well-formed http(s) with a valid host
 *     (whether the host is allowed is {@link LandingCheck}'s decision), else why not
 * @param canonical the canonical URL, or {@code null} unless well-formed
 * @param scheme the scheme found or assumed, lower case
 * @param host the canonical host, or the host text as found when it is invalid, or {@code null}
 * @param schemeAssumed whether the value had no scheme and {@code https} was assumed
 * @param userinfoDropped whether user info ({@code name@}) was removed
 */
public record LandingUrl(
        LandingVerdict verdict,
        String canonical,
        String scheme,
        String host,
        boolean schemeAssumed,
        boolean userinfoDropped) {

    /**
     * Parses a decoded, trimmed value free of control characters. A value without a scheme gets
     * {@code https}, platforms.md §6.3 (ShareASale's own recipe drops {@code http://}); a leading
     * {@code //} gets {@code https:}.
     */
    public static LandingUrl parse(String url) {
        int n = url.length();
        String scheme = "https";
        boolean assumed = true;
        int rest = 0;
        if (n > 0 && Ascii.isAlpha(url.charAt(0))) {
            int i = 0;
            while (i < n && isSchemeChar(url.charAt(i))) {
                i++;
            }
            if (i < n && url.charAt(i) == ':' && !isPortThenEnd(url, i + 1)) {
                scheme = Ascii.lower(url.substring(0, i));
                assumed = false;
                rest = i + 1;
            }
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new LandingUrl(LandingVerdict.NOT_HTTP, null, scheme, null, false, false);
        }
        int start = rest;
        while (start < n && isSlash(url.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < n && !isAuthorityEnd(url.charAt(end))) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        boolean userinfo = at >= start;
        int hostStart = userinfo ? at + 1 : start;
        int colon = url.lastIndexOf(':', end - 1);
        int hostEnd = colon >= hostStart ? colon : end;
        String hostText = url.substring(hostStart, hostEnd);
        if (hostText.isEmpty()) {
            return new LandingUrl(LandingVerdict.NO_HOST, null, scheme, null, assumed, userinfo);
        }
        String host = HostNames.canonical(hostText);
        int port = colon >= hostStart ? port(url, colon + 1, end) : -1;
        if (host == null || port == -2) {
            return new LandingUrl(LandingVerdict.INVALID_HOST, null, scheme, hostText, assumed, userinfo);
        }
        if (HostNames.isIpLiteral(host)) {
            return new LandingUrl(LandingVerdict.IP_LITERAL, null, scheme, host, assumed, userinfo);
        }
        StringBuilder canonical = new StringBuilder(n + 16);
        canonical.append(scheme).append("://").append(host);
        if (port >= 0 && port != (scheme.equals("https") ? 443 : 80)) {
            canonical.append(':').append(port);
        }
        appendTail(canonical, url, end);
        return new LandingUrl(LandingVerdict.SAFE, canonical.toString(), scheme, host, assumed, userinfo);
    }

    /** Path, query and fragment, kept as given apart from escaping what a URL may not contain. */
    private static void appendTail(StringBuilder out, String url, int from) {
        int n = url.length();
        int queryStart = n;
        int fragmentStart = url.indexOf('#', from);
        if (fragmentStart < 0) {
            fragmentStart = n;
        }
        int question = url.indexOf('?', from);
        if (question >= 0 && question < fragmentStart) {
            queryStart = question;
        }
        int pathEnd = Math.min(queryStart, fragmentStart);
        if (pathEnd == from || url.charAt(from) != '/') {
            out.append('/');
        }
        out.append(PercentEncoder.escapeIllegal(url.substring(from, pathEnd)));
        if (queryStart < fragmentStart) {
            out.append(PercentEncoder.escapeIllegal(url.substring(queryStart, fragmentStart)));
        }
        if (fragmentStart < n) {
            out.append('#').append(PercentEncoder.escapeIllegal(url.substring(fragmentStart + 1)));
        }
    }

    /** The port number; -1 when empty (ignored, as browsers do), -2 when not a valid port. */
    private static int port(String url, int from, int to) {
        if (from == to) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = url.charAt(i);
            if (!Ascii.isDigit(c)) {
                return -2;
            }
            value = value * 10 + (c - '0');
            if (value > 65535) {
                return -2;
            }
        }
        return value;
    }

    /** {@code example.com:8080/p} has no scheme: what follows the colon is a port. */
    private static boolean isPortThenEnd(String url, int from) {
        int i = from;
        while (i < url.length() && Ascii.isDigit(url.charAt(i))) {
            i++;
        }
        return i > from && (i == url.length() || isAuthorityEnd(url.charAt(i)));
    }

    private static boolean isSchemeChar(char c) {
        return Ascii.isAlpha(c) || Ascii.isDigit(c) || c == '+' || c == '-' || c == '.';
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    private static boolean isAuthorityEnd(char c) {
        return c == '/' || c == '\\' || c == '?' || c == '#';
    }
}
