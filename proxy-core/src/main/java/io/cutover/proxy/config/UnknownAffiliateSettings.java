package io.cutover.proxy.config;

import java.util.Optional;

/**
 * What a click of an affiliate missing from the directory becomes.
 *
 * @param publisher the Awin publisher such clicks are credited to ({@code directory.unknown-affiliate};
 *     Awin's broken-links publisher is 13430, platforms.md §3.3), so they still count once legacy is
 *     gone; empty: such clicks are unmapped and go to legacy unchanged
 */
public record UnknownAffiliateSettings(Optional<String> publisher) {}
