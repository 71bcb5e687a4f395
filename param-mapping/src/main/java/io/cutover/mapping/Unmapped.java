package io.cutover.mapping;

import java.util.Optional;

/**
 * A valid legacy request that Cutover does not translate; it goes to legacy unchanged.
 *
 * @param kind the legacy link kind
 * @param reason why, for logs and {@code explain} (e.g. {@code merchant 41388 is not in the
 *     directory})
 * @param merchantId the legacy merchant ID when the request carried a valid one
 * @param landing where Cutover itself sends the shopper if legacy does not answer: the safe deep
 *     link or the merchant's default landing when the merchant is known; empty otherwise (the
 *     configured fallback page applies)
 */
public record Unmapped(LinkKind kind, String reason, Optional<String> merchantId, Optional<String> landing)
        implements MappingResult {}
