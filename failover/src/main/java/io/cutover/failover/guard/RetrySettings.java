package io.cutover.failover.guard;

import java.time.Duration;

/**
 * Retries of attempts that certainly never left (a refused connect, a failed write), bounded per
 * request and, over all requests, by a budget: within any {@code budgetWindow}, retries add at
 * most {@code budgetRatio} of the first attempts, plus {@code minPerSecond} so that a quiet
 * backend may still be retried (Finagle's {@code RetryBudget}, Envoy's retry budget).
 *
 * @param maxRetries retries per request and backend; 0 turns retrying off
 * @param backoff the first retry waits about this long; each next one twice as long
 * @param maxBackoff the longest wait before a retry
 * @param budgetRatio the fraction of the load retries may add, 0 to 1
 * @param minPerSecond retries always allowed per second, whatever the load
 * @param budgetWindow the time over which the budget is counted
 */
public record RetrySettings(
        int maxRetries,
        Duration backoff,
        Duration maxBackoff,
        double budgetRatio,
        int minPerSecond,
        Duration budgetWindow) {

    public RetrySettings {
        GuardChecks.range("retry.max-retries", maxRetries, 0, 5);
        GuardChecks.positive("retry.backoff", backoff);
        GuardChecks.positive("retry.max-backoff", maxBackoff);
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("retry.max-backoff: " + GuardChecks.text(maxBackoff)
                    + " (expected: >= retry.backoff, " + GuardChecks.text(backoff) + ")");
        }
        if (!(budgetRatio >= 0 && budgetRatio <= 1)) {
            throw new IllegalArgumentException("retry.budget-ratio: " + budgetRatio + " (expected: 0 to 1)");
        }
        GuardChecks.range("retry.min-per-second", minPerSecond, 0, 100_000);
        GuardChecks.positive("retry.budget-window", budgetWindow);
        if (budgetWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "retry.budget-window: " + GuardChecks.text(budgetWindow) + " (expected: >= 1s)");
        }
    }

    /** Production defaults: one retry after 10 to 20 ms, at most 20 % more load, 10 s window. */
    public static RetrySettings defaults() {
        return new RetrySettings(1, Duration.ofMillis(20), Duration.ofMillis(100), 0.2, 5, Duration.ofSeconds(10));
    }

    /** No retries at all. */
    public static RetrySettings none() {
        return new RetrySettings(0, Duration.ofMillis(1), Duration.ofMillis(1), 0, 0, Duration.ofSeconds(10));
    }
}
