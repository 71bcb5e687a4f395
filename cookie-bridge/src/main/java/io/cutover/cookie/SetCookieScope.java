package io.cutover.cookie;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Rewrites one backend {@code Set-Cookie} so the browser keeps it on the legacy host it asked,
 * for the request's scheme (RFC 6265bis §5.6):
 *
 * <ul>
 *   <li>{@code Domain}: the configured cookie domain when the host is that domain or under it,
 *       else none (host-only); Awin's {@code .awin1.com} would make the browser drop the cookie.
 *   <li>{@code Path=/}, so the cookie comes back on every tracking endpoint (r.cfm, sale.cfm…).
 *   <li>Over HTTPS, with cross-site cookies on: {@code Secure; SameSite=None}, or the sale pixel on
 *       the merchant's page would never carry it. Over plain HTTP: no {@code Secure} and no
 *       {@code SameSite=None}, which the browser would refuse there; {@code __Secure-} and
 *       {@code __Host-} cookies are left out.
 *   <li>Lifetimes kept ({@code Expires}, {@code Max-Age}), capped at the policy's longest.
 *   <li>{@code HttpOnly}, {@code SameSite=Lax|Strict} (over HTTP or without cross-site) and unknown
 *       extensions kept in order; {@code Partitioned} only over HTTPS.
 * </ul>
 *
 * A value with a control character, without a name, or with an over-long pair is refused and
 * counted.
 */
public final class SetCookieScope {

    private final CookiePolicy policy;
    private final Clock clock;
    private final String domain;

    public SetCookieScope(CookiePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.domain = policy.domain()
                .map(d -> d.startsWith(".") ? d.substring(1) : d)
                .map(d -> d.toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    /**
     * The {@code Set-Cookie} to send, or empty when it must not be relayed (counted on {@code
     * counter}).
     *
     * @param host the {@code Host} the browser asked, port and all
     * @param secure whether the browser asked over HTTPS
     */
    public Optional<String> rewrite(String setCookie, String host, boolean secure, CookieCounter counter) {
        if (setCookie == null || HttpText.hasControl(setCookie, 0, setCookie.length())) {
            counter.ignored(CookieProblem.MALFORMED);
            return Optional.empty();
        }
        int length = setCookie.length();
        int firstSemicolon = setCookie.indexOf(';');
        int pairEnd = firstSemicolon < 0 ? length : firstSemicolon;
        int pairStart = HttpText.skipWhitespace(setCookie, 0, pairEnd);
        int pairStop = HttpText.trimEnd(setCookie, pairStart, pairEnd);
        int eq = HttpText.indexOf(setCookie, '=', pairStart, pairStop);
        int nameStop = eq < 0 ? -1 : HttpText.trimEnd(setCookie, pairStart, eq);
        if (eq < 0 || nameStop == pairStart || !isToken(setCookie, pairStart, nameStop)) {
            counter.ignored(CookieProblem.MALFORMED);
            return Optional.empty();
        }
        if (pairStop - pairStart > policy.maxCookieBytes()) {
            counter.ignored(CookieProblem.OVERSIZE);
            return Optional.empty();
        }
        boolean hostPrefix = setCookie.regionMatches(true, pairStart, "__Host-", 0, 7);
        boolean securePrefix = hostPrefix || setCookie.regionMatches(true, pairStart, "__Secure-", 0, 9);
        if (securePrefix && !secure) {
            counter.ignored(CookieProblem.INSECURE_PREFIX);
            return Optional.empty();
        }
        boolean crossSite = secure && policy.crossSite();
        StringBuilder out = new StringBuilder(length + 48);
        out.append(setCookie, pairStart, pairStop);
        if (domain != null && !hostPrefix && within(hostName(host), domain)) {
            out.append("; Domain=").append(policy.domain().get());
        }
        out.append("; Path=/");
        long maxAge = -1;
        String expires = null;
        String sameSite = null;
        boolean secureSeen = false;
        boolean httpOnly = false;
        boolean partitioned = false;
        StringBuilder extensions = null;
        int semicolon = firstSemicolon;
        while (semicolon >= 0 && semicolon < length) {
            int start = HttpText.skipWhitespace(setCookie, semicolon + 1, length);
            int next = setCookie.indexOf(';', start);
            int end = HttpText.trimEnd(setCookie, start, next < 0 ? length : next);
            int aeq = HttpText.indexOf(setCookie, '=', start, end);
            // Attribute names are matched in place (ASCII, any case): no string per attribute.
            int nameEnd = HttpText.trimEnd(setCookie, start, aeq < 0 ? end : aeq);
            int valueStart = aeq < 0 ? end : HttpText.skipWhitespace(setCookie, aeq + 1, end);
            if (nameEnd == start
                    || named(setCookie, start, nameEnd, "domain")
                    || named(setCookie, start, nameEnd, "path")) {
                // Cutover decides both.
            } else if (named(setCookie, start, nameEnd, "max-age")) {
                maxAge = parseMaxAge(setCookie.substring(valueStart, end), maxAge);
            } else if (named(setCookie, start, nameEnd, "expires")) {
                expires = setCookie.substring(valueStart, end);
            } else if (named(setCookie, start, nameEnd, "samesite")) {
                sameSite = setCookie.substring(valueStart, end);
            } else if (named(setCookie, start, nameEnd, "secure")) {
                secureSeen = true;
            } else if (named(setCookie, start, nameEnd, "httponly")) {
                httpOnly = true;
            } else if (named(setCookie, start, nameEnd, "partitioned")) {
                partitioned = true;
            } else {
                if (extensions == null) {
                    extensions = new StringBuilder();
                }
                extensions.append("; ").append(setCookie, start, end);
            }
            semicolon = next;
        }
        long cap = policy.maxLifetime().toSeconds();
        if (expires != null) {
            out.append("; Expires=").append(expires);
        }
        if (maxAge >= 0) {
            out.append("; Max-Age=").append(Math.min(maxAge, cap));
        } else if (expires != null && beyond(expires, cap)) {
            // Max-Age wins over Expires in every browser (RFC 6265bis §5.6.2): the cap without
            // reformatting the backend's date.
            out.append("; Max-Age=").append(cap);
        }
        if (crossSite) {
            out.append("; Secure; SameSite=None");
        } else {
            if (secure && (secureSeen || securePrefix)) {
                out.append("; Secure");
            }
            if (sameSite != null && !sameSite.equalsIgnoreCase("none")) {
                out.append("; SameSite=").append(sameSite);
            } else if (sameSite != null && secure && secureSeen) {
                out.append("; SameSite=None");
            }
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        if (partitioned && secure) {
            out.append("; Partitioned");
        }
        if (extensions != null) {
            out.append(extensions);
        }
        return Optional.of(out.toString());
    }

    /** The host name of a {@code Host} header, lower-case, without port or IPv6 brackets. */
    static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(1, close);
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        h = h.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    static boolean within(String host, String domain) {
        return host.equals(domain)
                || (host.length() > domain.length()
                        && host.endsWith(domain)
                        && host.charAt(host.length() - domain.length() - 1) == '.');
    }

    private static long parseMaxAge(String value, long previous) {
        if (value.isEmpty() || value.length() > 18) {
            return previous;
        }
        boolean negative = value.charAt(0) == '-';
        for (int i = negative ? 1 : 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return previous;
            }
        }
        // RFC 6265bis §5.6.2: zero or negative means expire now.
        return negative ? 0 : Long.parseLong(value);
    }

    private boolean beyond(String expires, long capSeconds) {
        try {
            // The old Netscape form writes the date with dashes (Wed, 09-Jun-2027 10:18:14 GMT).
            ZonedDateTime at = ZonedDateTime.parse(expires.replace('-', ' '), DateTimeFormatter.RFC_1123_DATE_TIME);
            return at.toInstant().isAfter(clock.instant().plusSeconds(capSeconds));
        } catch (DateTimeParseException e) {
            // A date the browser may not read either: it then keeps a session cookie.
            return false;
        }
    }

    /** Whether {@code s[start, end)} is {@code lowerName} in any ASCII case. */
    private static boolean named(String s, int start, int end, String lowerName) {
        if (end - start != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            char c = s.charAt(start + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 token characters. */
    private static boolean isToken(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
