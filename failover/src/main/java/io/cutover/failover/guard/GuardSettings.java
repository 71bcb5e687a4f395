package io.cutover.failover.guard;

/**
 * Everything that guards one backend: its breaker, its bulkhead and its retries.
 *
 * @param breaker when the backend is left alone
 * @param maxInFlight the most calls in flight to the backend at once, over all event loops; past
 *     it, a call is not sent ({@link io.cutover.failover.BackendFailure#BULKHEAD_FULL})
 * @param retry retries of calls that never left
 */
public record GuardSettings(BreakerSettings breaker, int maxInFlight, RetrySettings retry) {

    public GuardSettings {
        if (breaker == null || retry == null) {
            throw new IllegalArgumentException("breaker, retry: null (expected: settings)");
        }
        GuardChecks.range("bulkhead.max-in-flight", maxInFlight, 1, 1_000_000);
    }

    public static GuardSettings defaults() {
        return new GuardSettings(BreakerSettings.defaults(), 1024, RetrySettings.defaults());
    }
}
