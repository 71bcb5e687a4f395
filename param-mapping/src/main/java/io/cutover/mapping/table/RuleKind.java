package io.cutover.mapping.table;

/**
 * What a rule does with a legacy parameter. General on purpose: the same kinds serve the click
 * endpoints now and {@code sale.cfm} → {@code sread.img} later.
 */
public enum RuleKind {
    /** The legacy merchant ID, replaced by the merchant's Awin advertiser ID from the directory. */
    LOOKUP_MERCHANT("lookup merchant"),
    /** The legacy affiliate ID, replaced by the affiliate's Awin publisher ID from the directory. */
    LOOKUP_AFFILIATE("lookup affiliate"),
    /** A deep link: decoded, normalised, checked against the merchant's domains, fully encoded. */
    LANDING("landing"),
    /** A sub-ID: form-decoded, control characters removed, capped. */
    SUBID("subid"),
    /** Free text: form-decoded, optionally capped, re-encoded. */
    TEXT("text"),
    /** Forwarded untouched, exactly as received (consent strings must be, platforms.md §3.2). */
    COPY("copy"),
    /** Known and deliberately not forwarded, with a stated reason. */
    DROP("drop"),
    /** No legacy parameter: a constant Awin parameter from the file's {@code fixed:} section. */
    FIXED("fixed");

    private final String label;

    RuleKind(String label) {
        this.label = label;
    }

    /** How the kind reads in explain output, e.g. {@code lookup merchant}. */
    public String label() {
        return label;
    }
}
