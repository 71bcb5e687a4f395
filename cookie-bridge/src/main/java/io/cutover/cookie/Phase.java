package io.cutover.cookie;

import java.util.Optional;

/**
 * Where a merchant stands in the move from ShareASale to Awin, which decides the formats Cutover
 * writes for its clicks: the cookies on the legacy tracking host and the click references on the
 * landing URL that the merchant's tags read (platforms.md §1.4, §3.3–3.4).
 *
 * <ul>
 *   <li>{@code legacy-only}: the merchant's pages and ShareASale still read only the legacy
 *       format: legacy cookies (and Cutover's legacy click cookie carrying Awin's click
 *       reference), no Awin cookie; the landing carries {@code awc} and {@code sscid}.
 *   <li>{@code dual}: both formats, for the transition.
 *   <li>{@code primary-only}: Awin's cookies only; the landing carries {@code awc} alone.
 * </ul>
 */
public enum Phase {
    LEGACY_ONLY("legacy-only"),
    DUAL("dual"),
    PRIMARY_ONLY("primary-only");

    /** The accepted spellings, for messages. */
    public static final String NAMES = "legacy-only, dual or primary-only";

    private final String text;

    Phase(String text) {
        this.text = text;
    }

    /** The phase written as in config and directory files, or empty when it is none. */
    public static Optional<Phase> parse(String text) {
        for (Phase phase : values()) {
            if (phase.text.equals(text)) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }

    /** Whether Awin's cookies ({@link AwinCookies}) are written on the legacy host. */
    public boolean writesAwinCookies() {
        return this != LEGACY_ONLY;
    }

    /** Whether legacy-format cookies are written on the legacy host. */
    public boolean writesLegacyCookies() {
        return this != PRIMARY_ONLY;
    }

    /** Whether the landing URL carries {@code sscid} beside {@code awc}. */
    public boolean landingCarriesSscid() {
        return this != PRIMARY_ONLY;
    }

    /** The phase as written in config and directory files. */
    @Override
    public String toString() {
        return text;
    }
}
