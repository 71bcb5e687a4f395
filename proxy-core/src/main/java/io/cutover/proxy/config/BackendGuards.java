package io.cutover.proxy.config;

import io.cutover.failover.guard.GuardSettings;
import java.util.Optional;

/**
 * The guard of each backend: breaker, bulkhead and retries ({@code backends.<name>.breaker.*},
 * {@code .bulkhead.*}, {@code .retry.*}).
 *
 * @param primary the primary's guard
 * @param legacy legacy's guard; empty when legacy is not configured
 */
public record BackendGuards(GuardSettings primary, Optional<GuardSettings> legacy) {}
