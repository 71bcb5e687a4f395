package io.cutover.mapping.directory;

import java.util.Optional;

/**
 * Legacy → Awin identities: ShareASale merchant and affiliate IDs are not Awin IDs, so every
 * translation looks them up here.
 *
 * <p>Look-ups are called on the event loop and must not block: implementations answer from memory.
 */
public interface Directory {

    /** The merchant with this legacy (ShareASale) merchant ID, normalised digits. */
    Optional<Merchant> merchant(String legacyMerchantId);

    /** The Awin publisher ID of this legacy (ShareASale) affiliate ID, normalised digits. */
    Optional<String> publisher(String legacyAffiliateId);
}
