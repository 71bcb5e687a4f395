package io.cutover.mapping;

import io.cutover.mapping.query.LegacyParams;
import java.util.Objects;

/**
 * A parsed legacy request whose identities are valid: the link kind, the normalised legacy merchant
 * and affiliate IDs (digits, no leading zeros), and all its parameters. Which parameter carries
 * which ID is the mapping table's decision ({@code lookup: merchant}, {@code lookup: affiliate}),
 * since it differs per endpoint ({@code m} on r.cfm, {@code merchantID} on m-pr.cfm).
 *
 * @param affiliateId the normalised affiliate ID; empty for endpoints without one (conversions)
 */
public record LegacyClick(LinkKind kind, String merchantId, String affiliateId, LegacyParams params) {

    public LegacyClick {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(affiliateId, "affiliateId");
        Objects.requireNonNull(params, "params");
    }
}
