package io.cutover.mapping;

/**
 * The outcome of translating one legacy request: a closed set, so that every caller handles all
 * three.
 *
 * <ul>
 *   <li>{@link Mapped}: an Awin request was built; send it to the primary.
 *   <li>{@link Unmapped}: a valid legacy request Cutover cannot translate (unknown merchant or
 *       affiliate, a link kind without a mapping); send it to legacy unchanged, which still knows
 *       its own links.
 *   <li>{@link Rejected}: not a usable request at all; answer 400 with the reason.
 * </ul>
 */
public sealed interface MappingResult permits Mapped, Unmapped, Rejected {}
