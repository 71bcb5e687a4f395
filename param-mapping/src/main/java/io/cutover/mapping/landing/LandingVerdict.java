package io.cutover.mapping.landing;

/** Why a deep link was used, or why the merchant's default landing was used instead. */
public enum LandingVerdict {
    /** Well-formed http(s) on an allowed domain: the deep link is used. */
    SAFE,
    /** No deep link given: the merchant's default landing (platforms.md §6.5); not an error. */
    EMPTY,
    /** CR, LF, NUL or another control character after decoding: a header-injection attempt. */
    CONTROL_CHARACTERS,
    /** A scheme other than http or https ({@code javascript:}, {@code data:}). */
    NOT_HTTP,
    /** No host to go to. */
    NO_HOST,
    /** A host that is not a valid host name (an IPv6 literal's brackets included). */
    INVALID_HOST,
    /** An IPv4 address in any notation ({@code 127.0.0.1}, {@code 2130706433}, {@code 0x7f.1}). */
    IP_LITERAL,
    /** A host outside the merchant's allowed domains: Cutover is never an open redirect. */
    DOMAIN_NOT_ALLOWED
}
