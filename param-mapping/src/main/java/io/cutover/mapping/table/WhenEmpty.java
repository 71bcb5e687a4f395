package io.cutover.mapping.table;

/** What a rule emits when its legacy parameter is absent or empty. */
public enum WhenEmpty {
    /** Nothing: the Awin parameter is left out (for {@code ued}, Awin then uses the advertiser's default). */
    OMIT("omit"),
    /** The Awin parameter with an empty value, {@code name=}. */
    KEEP("keep"),
    /** Landing rules only: the merchant's default landing from the directory. */
    DEFAULT_LANDING("default-landing");

    private final String spelling;

    WhenEmpty(String spelling) {
        this.spelling = spelling;
    }

    /** The value as written in a mapping file. */
    public String spelling() {
        return spelling;
    }
}
