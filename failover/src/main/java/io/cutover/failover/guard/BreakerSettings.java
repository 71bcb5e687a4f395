package io.cutover.failover.guard;

import java.time.Duration;

/**
 * How a backend's circuit breaker decides: over the last {@code windowSize} calls (once at least
 * {@code minimumCalls} were made), it opens when the share of failures or of slow calls reaches
 * its threshold; open, it refuses calls for {@code openFor}, then lets {@code halfOpenProbes}
 * calls through and closes if they pass the same thresholds, else opens again.
 *
 * @param failureRatePercent the share of failed calls, 1 to 100, that opens the breaker
 * @param slowCallRatePercent the share of slow calls, 1 to 100, that opens the breaker
 * @param slowCallDuration a call that takes longer than this is slow, answered or not
 * @param windowSize how many of the latest calls are judged
 * @param minimumCalls how many calls the window must hold before it judges at all
 * @param openFor how long an open breaker refuses calls before probing
 * @param halfOpenProbes how many probe calls a half-open breaker lets through
 */
public record BreakerSettings(
        int failureRatePercent,
        int slowCallRatePercent,
        Duration slowCallDuration,
        int windowSize,
        int minimumCalls,
        Duration openFor,
        int halfOpenProbes) {

    public BreakerSettings {
        GuardChecks.range("breaker.failure-rate-threshold", failureRatePercent, 1, 100);
        GuardChecks.range("breaker.slow-call-rate-threshold", slowCallRatePercent, 1, 100);
        GuardChecks.positive("breaker.slow-call-duration", slowCallDuration);
        GuardChecks.range("breaker.window-size", windowSize, 1, 10_000);
        GuardChecks.range("breaker.minimum-calls", minimumCalls, 1, windowSize);
        GuardChecks.positive("breaker.open-for", openFor);
        GuardChecks.range("breaker.half-open-probes", halfOpenProbes, 1, 1_000);
    }

    /** Production defaults: half of 20 calls failed, or all of them slower than 300 ms. */
    public static BreakerSettings defaults() {
        return new BreakerSettings(50, 100, Duration.ofMillis(300), 20, 10, Duration.ofSeconds(5), 3);
    }
}
