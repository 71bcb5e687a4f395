package io.cutover.mapping.table;

/**
 * What a rule does with a legacy parameter. General on purpose: the same few kinds, configured by
 * data in the mapping files, serve every endpoint; there is no code per parameter.
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
    /** A whole number: ASCII digits, leading zeros dropped. */
    INTEGER("integer"),
    /** A decimal number written with a dot and no thousands separator, as Awin reads amounts (§4). */
    DECIMAL("decimal"),
    /** An ISO-4217 currency code, upper-cased (§4). */
    CURRENCY("currency"),
    /** One of a declared set of legacy values, each translated to an Awin value. */
    ENUM("enum"),
    /** A separated list; forwards one item ({@code pick: first}) or feeds a {@code rows:} zip. */
    LIST("list"),
    /** Awin's click reference ({@code awc}): the parameter when it has Awin's shape, else a cookie. */
    CLICK_REF("click-ref"),
    /** The legacy product ID: looked up in the endpoint's {@code products:} section. */
    PRODUCT("product"),
    /** Every parameter whose name starts with a prefix ({@code utm_*}), forwarded under its own name. */
    PREFIX("prefix"),
    /** Known and deliberately not forwarded, with a stated reason. */
    DROP("drop"),
    /** No legacy parameter: a constant Awin parameter from the file's {@code fixed:} section. */
    FIXED("fixed"),
    /** No legacy parameter of its own: an Awin parameter built from others ({@code compose:}). */
    COMPOSE("compose"),
    /** Lists zipped into numbered product rows ({@code rows:}), e.g. {@code bd[0]}, {@code bd[1]}. */
    ROWS("rows");

    private final String label;

    RuleKind(String label) {
        this.label = label;
    }

    /** How the kind reads in explain output, e.g. {@code lookup merchant}. */
    public String label() {
        return label;
    }

    /** Whether rules of this kind read a legacy parameter of their own. */
    public boolean readsParameter() {
        return this != FIXED && this != COMPOSE && this != ROWS;
    }

    /** Whether the kind turns a value into a typed one (and may find it invalid). */
    public boolean isTyped() {
        return this == INTEGER || this == DECIMAL || this == CURRENCY || this == ENUM || this == LIST;
    }
}
