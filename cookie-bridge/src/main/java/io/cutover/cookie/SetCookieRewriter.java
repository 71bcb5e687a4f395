package io.cutover.cookie;

import io.cutover.web.HostNames;
import java.util.Objects;
import java.util.Optional;

/**
 * Rewrites a backend's {@code Set-Cookie} so that the browser keeps it on the legacy tracking
 * host it is talking to. Awin scopes its cookies to {@code Domain=.awin1.com}; relayed as is
 * from another host, the browser drops them (RFC 6265 §5.3 step 6). The {@code Domain}
 * attribute is therefore replaced by the configured cookie domain, or removed, which makes the
 * cookie host-only, when none is configured.
 *
 * <p>Everything else is kept verbatim and in order: the name-value pair, {@code Path},
 * {@code Expires} (whose date holds a comma), {@code Max-Age}, {@code Secure}, {@code HttpOnly},
 * {@code SameSite}, {@code Partitioned} and unknown extensions. Attributes are split on
 * {@code ;} only and named case-insensitively, whitespace around them tolerated (RFC 6265
 * §5.2). The replacement stands where the first {@code Domain} stood; further ones are removed.
 * A cookie without a {@code Domain} was host-only on the backend and stays host-only here.
 *
 * <p>A value holding a control character (CR, LF, NUL, …) is refused: relaying it could split
 * the response's headers.
 */
public final class SetCookieRewriter {

    private static final String DOMAIN = "domain";

    private final String domain;

    private SetCookieRewriter(String domain) {
        this.domain = domain;
    }

    /**
     * A rewriter that scopes cookies to {@code cookieDomain}, such as {@code .shareasale.com}:
     * a host name, optionally with a leading dot (which browsers ignore).
     */
    public static SetCookieRewriter toDomain(String cookieDomain) {
        Objects.requireNonNull(cookieDomain, "cookieDomain");
        if (!HostNames.isCookieDomain(cookieDomain)) {
            throw new IllegalArgumentException(
                    "cookieDomain: '" + cookieDomain + "' (expected: a host name such as .shareasale.com)");
        }
        return new SetCookieRewriter(cookieDomain);
    }

    /** A rewriter that removes {@code Domain}, leaving host-only cookies. */
    public static SetCookieRewriter hostOnly() {
        return new SetCookieRewriter(null);
    }

    /** The configured cookie domain; empty when cookies are made host-only. */
    public Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    /**
     * The {@code Set-Cookie} value to send to the browser, or empty when {@code setCookie} must
     * not be relayed: null, blank, without a name-value pair, or holding a control character.
     * Returns the argument itself when there is no {@code Domain} to rewrite.
     */
    public Optional<String> rewrite(String setCookie) {
        if (setCookie == null) {
            return Optional.empty();
        }
        int length = setCookie.length();
        if (HttpText.hasControl(setCookie, 0, length)) {
            return Optional.empty();
        }
        int firstSemicolon = setCookie.indexOf(';');
        int pairEnd = firstSemicolon < 0 ? length : firstSemicolon;
        if (HttpText.skipWhitespace(setCookie, 0, pairEnd) == pairEnd) {
            return Optional.empty();
        }
        if (firstSemicolon < 0) {
            return Optional.of(setCookie);
        }

        StringBuilder out = null;
        boolean domainWritten = false;
        int semicolon = firstSemicolon;
        while (semicolon < length) {
            int start = semicolon + 1;
            int next = setCookie.indexOf(';', start);
            int end = next < 0 ? length : next;
            if (isDomainAttribute(setCookie, start, end)) {
                if (out == null) {
                    out = new StringBuilder(length + (domain == null ? 0 : domain.length()));
                    out.append(setCookie, 0, semicolon);
                }
                if (!domainWritten && domain != null) {
                    out.append("; Domain=").append(domain);
                }
                domainWritten = true;
            } else if (out != null) {
                // The attribute with its leading ';', exactly as the backend wrote it.
                out.append(setCookie, semicolon, end);
            }
            semicolon = end;
        }
        return Optional.of(out == null ? setCookie : out.toString());
    }

    private static boolean isDomainAttribute(String s, int from, int to) {
        int start = HttpText.skipWhitespace(s, from, to);
        int eq = HttpText.indexOf(s, '=', start, to);
        int nameEnd = HttpText.trimEnd(s, start, eq < 0 ? to : eq);
        return nameEnd - start == DOMAIN.length() && s.regionMatches(true, start, DOMAIN, 0, DOMAIN.length());
    }
}
