package io.cutover.mapping;

import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.landing.LandingDecision;
import io.cutover.mapping.query.LegacyParams;
import io.cutover.mapping.table.EndpointMapping;
import io.cutover.mapping.table.Product;
import io.cutover.mapping.table.Rule;

/**
 * What a translation reports as it goes. {@link #OFF} does nothing, so the hot path pays one
 * empty call per step; every argument is a value the translation computes anyway, and all text is
 * built by the explain recorder, never here.
 */
interface Trace {

    Trace OFF = new Trace() {};

    /** The endpoint's mapping was found and the query parsed. */
    default void parsed(EndpointMapping endpoint, LegacyParams params) {}

    /** An identity parameter was read; {@code id} is {@code null} when missing or malformed. */
    default void identity(Rule rule, int index, String id) {}

    /** The merchant found in the directory, or {@code null}. */
    default void merchant(Rule rule, Merchant merchant) {}

    /**
     * The publisher found in the directory, or {@code null}; {@code fallback} when it is the
     * configured publisher for unknown affiliates.
     */
    default void publisher(Rule rule, String publisher, boolean fallback) {}

    /** The product read and what the product lookup knows of it ({@code null}: not listed). */
    default void product(Rule rule, int index, String productId, Product product) {}

    /** A later pair was re-attached to the landing URL. */
    default void reattached(int index) {}

    /** The empty deep link was replaced by the product page of the product lookup. */
    default void productPage(Rule rule) {}

    /** The landing was decided from {@code raw} (re-attached pairs included). */
    default void landing(Rule rule, int index, String raw, LandingDecision decision) {}

    /** A rule's value (decoded, typed, before encoding) and where it came from, a constant. */
    default void valued(Rule rule, int index, String value, String how) {}

    /** A rows rule zipped lists of these lengths into {@code rows} rows, emitted as {@code pairs}. */
    default void rows(Rule rule, int shortest, int longest, int rows, CharSequence pairs) {}

    /** A parameter forwarded by a prefix rule. */
    default void prefixed(Rule rule, int index) {}

    /** A parameter the table does not name, forwarded by the endpoint's unknown: pass-through. */
    default void passedThrough(int index) {}

    /** A rule's result: the encoded value emitted, or {@code null} when nothing was emitted. */
    default void emitted(Rule rule, int index, String value) {}
}
