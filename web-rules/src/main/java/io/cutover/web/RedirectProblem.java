package io.cutover.web;

import java.util.Locale;

/**
 * Why a redirect target fails the safe-redirect check. The tags are metric and log values:
 * lower case, hyphenated, stable.
 */
public enum RedirectProblem {
    /** A C0 control character or DEL anywhere: browsers drop TAB, CR and LF and read another URL. */
    CONTROL_CHARACTERS,
    /** A backslash anywhere: browsers read it as {@code /} in http(s) URLs, other parsers do not. */
    BACKSLASH,
    /** A scheme other than http or https ({@code javascript:}, {@code data:}, {@code ftp:}). */
    NOT_HTTP,
    /**
     * Not in the form {@code http(s)://host…}: relative ({@code /p}, {@code //evil.com}), or the
     * slashes a browser would repair ({@code https:evil.com}, {@code https:///evil.com}).
     */
    NOT_ABSOLUTE,
    /** User info ({@code name@}) before the host. */
    USERINFO,
    /** A percent escape in the authority: browsers decode it, so {@code %2e} is a dot. */
    ENCODED_HOST,
    /** No host, or one that is not a valid host name (raw non-ASCII included), or a bad port. */
    INVALID_HOST,
    /** An IP address in any notation: decimal, octal, hex, dotted or not, or IPv6. */
    IP_LITERAL,
    /** A host outside the merchant's allowed domains. */
    DOMAIN_NOT_ALLOWED,
    /** More than one {@code Location} header: browsers differ on which one they follow. */
    REPEATED;

    /** The metric tag: {@code domain-not-allowed} for {@link #DOMAIN_NOT_ALLOWED}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
