package io.cutover.mapping;

/**
 * A request that is not a usable legacy link (e.g. no merchant ID); answered 400 with the reason.
 *
 * @param reason one line a publisher can act on, e.g. {@code r.cfm: parameter m (merchant id) is
 *     missing}
 */
public record Rejected(String reason) implements MappingResult {}
