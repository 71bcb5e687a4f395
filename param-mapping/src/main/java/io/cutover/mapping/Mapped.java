package io.cutover.mapping;

/**
 * A legacy request translated to its Awin equivalent.
 *
 * @param kind the legacy link kind
 * @param merchantId the legacy merchant ID (normalised digits), for logs and metrics
 * @param affiliateId the legacy affiliate ID (normalised digits)
 * @param primary the request to send to the primary
 * @param landing where Cutover itself sends the shopper if no backend answers: the deep link when
 *     it passed the safe-redirect check, else the merchant's default landing page; always an
 *     absolute http(s) URL with no control characters
 */
public record Mapped(LinkKind kind, String merchantId, String affiliateId, PrimaryRequest primary, String landing)
        implements MappingResult {}
