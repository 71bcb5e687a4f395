package io.cutover.failover.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.BackendFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;

    private final RecordingListener listener = new RecordingListener();
    private double random;

    private RetryPolicy policy(int maxRetries, int minPerSecond) {
        RetrySettings settings = new RetrySettings(
                maxRetries, Duration.ofMillis(10), Duration.ofMillis(30), 0.0, minPerSecond, Duration.ofSeconds(10));
        return new RetryPolicy("primary", settings, () -> 0L, () -> random, listener);
    }

    @Test
    void backsOffExponentiallyWithEqualJitterUpToTheCap() {
        RetryPolicy policy = policy(3, 10);
        random = 0;
        assertThat(policy.backoffNanos(1)).isEqualTo(5 * MS);
        assertThat(policy.backoffNanos(2)).isEqualTo(10 * MS);
        assertThat(policy.backoffNanos(3)).as("capped at 30 ms").isEqualTo(15 * MS);
        random = 0.999999;
        assertThat(policy.backoffNanos(1)).isBetween(9 * MS, 10 * MS);
        assertThat(policy.backoffNanos(3)).isBetween(29 * MS, 30 * MS);
    }

    @Test
    void retriesOnlyWhatNeverLeft() {
        RetryPolicy policy = policy(1, 10);
        for (BackendFailure failure : BackendFailure.values()) {
            long delay = policy.retryDelay(failure, 0, SECOND, 5 * MS);
            boolean expected = failure == BackendFailure.CONNECT || failure == BackendFailure.WRITE;
            assertThat(delay >= 0).as(failure.name()).isEqualTo(expected);
            assertThat(failure.mayHaveCounted() && delay >= 0)
                    .as("never retries what may have counted")
                    .isFalse();
        }
    }

    @Test
    void stopsAtTheMaximumPerRequest() {
        RetryPolicy policy = policy(2, 10);
        assertThat(policy.retryDelay(BackendFailure.CONNECT, 1, SECOND, 5 * MS)).isPositive();
        assertThat(policy.retryDelay(BackendFailure.CONNECT, 2, SECOND, 5 * MS)).isEqualTo(-1);
    }

    @Test
    void doesNotRetryWhenTheWaitAndAnAttemptWouldNotFitTheDeadline() {
        RetryPolicy policy = policy(1, 10);
        random = 0.5;
        assertThat(policy.retryDelay(BackendFailure.CONNECT, 0, 12 * MS, 5 * MS))
                .isEqualTo(-1);
        assertThat(policy.retryDelay(BackendFailure.CONNECT, 0, 20 * MS, 5 * MS))
                .isPositive();
    }

    @Test
    void reportsASpentBudget() {
        RetryPolicy policy = policy(1, 0);

        assertThat(policy.retryDelay(BackendFailure.CONNECT, 0, SECOND, 5 * MS)).isEqualTo(-1);

        assertThat(listener.events).containsExactly("primary:budget-exhausted");
    }

    @Test
    void refusesABackoffAboveItsCap() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetrySettings(
                        1, Duration.ofMillis(50), Duration.ofMillis(10), 0.2, 1, Duration.ofSeconds(10)))
                .hasMessage("retry.max-backoff: 10ms (expected: >= retry.backoff, 50ms)");
    }
}
