package io.cutover.failover.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackendGuardTest {

    private static final long MS = 1_000_000L;

    private final MutableClock clock = new MutableClock();
    private final RecordingListener listener = new RecordingListener();
    /** 50 % of the last 10 calls once 4 were made; 2 s open; 2 probes; slow past 100 ms. */
    private final BreakerSettings breaker =
            new BreakerSettings(50, 80, Duration.ofMillis(100), 10, 4, Duration.ofSeconds(2), 2);

    private BackendGuard guard(int maxInFlight) {
        return new BackendGuard(
                "primary", new GuardSettings(breaker, maxInFlight, RetrySettings.none()), clock, listener);
    }

    private static Attempt<String> failed(BackendFailure failure) {
        return Attempt.failed(failure, failure.tag(), MS);
    }

    private static Attempt<String> answered(long nanos) {
        return new Attempt.Answered<>("ok", 302, nanos);
    }

    private static void call(BackendGuard guard, Attempt<String> outcome) {
        assertThat(guard.tryAcquire()).as("admitted").isNull();
        guard.record(outcome);
    }

    @Test
    void opensAfterTheConfiguredShareOfFailures() {
        BackendGuard guard = guard(10);
        call(guard, failed(BackendFailure.CONNECT));
        call(guard, failed(BackendFailure.CONNECT));
        call(guard, answered(MS));
        assertThat(guard.state()).as("below the minimum number of calls").isEqualTo(BreakerState.CLOSED);

        call(guard, failed(BackendFailure.READ_TIMEOUT));

        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
        assertThat(guard.tryAcquire()).isEqualTo(BackendFailure.BREAKER_OPEN);
        assertThat(guard.isCallPermitted()).isFalse();
        assertThat(listener.events).containsExactly("primary:closed->open");
    }

    @Test
    void closesAfterSuccessfulProbesOnceTheOpenPeriodIsOver() {
        BackendGuard guard = guard(10);
        for (int i = 0; i < 4; i++) {
            call(guard, failed(BackendFailure.CONNECT));
        }
        clock.advance(Duration.ofMillis(2000));
        assertThat(guard.isCallPermitted()).isFalse();
        assertThat(guard.tryAcquire()).isEqualTo(BackendFailure.BREAKER_OPEN);

        clock.advance(Duration.ofMillis(1));
        assertThat(guard.isCallPermitted()).as("the next call would probe").isTrue();
        assertThat(guard.state()).as("asking took no permission").isEqualTo(BreakerState.OPEN);

        assertThat(guard.tryAcquire()).isNull();
        assertThat(guard.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(guard.tryAcquire()).isNull();
        assertThat(guard.tryAcquire()).as("only two probes").isEqualTo(BackendFailure.BREAKER_OPEN);
        guard.record(answered(MS));
        guard.record(answered(MS));

        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(listener.events)
                .containsExactly("primary:closed->open", "primary:open->half_open", "primary:half_open->closed");
    }

    @Test
    void opensAgainWhenTheProbesFail() {
        BackendGuard guard = guard(10);
        for (int i = 0; i < 4; i++) {
            call(guard, failed(BackendFailure.CONNECT));
        }
        clock.advance(Duration.ofMillis(2001));

        call(guard, new Attempt.Failed<>(BackendFailure.BAD_STATUS, 502, "status 502", MS));
        call(guard, answered(MS));

        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
        assertThat(guard.isCallPermitted()).isFalse();
    }

    @Test
    void opensWhenCallsAreSlowEvenIfTheyAnswer() {
        BackendGuard guard = guard(10);
        for (int i = 0; i < 4; i++) {
            call(guard, answered(150 * MS));
        }

        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void doesNotCountAClientErrorStatusAsAFailure() {
        BackendGuard guard = guard(10);
        for (int i = 0; i < 6; i++) {
            call(guard, new Attempt.Failed<>(BackendFailure.BAD_STATUS, 404, "status 404", MS));
        }

        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void countsAServerErrorStatusAsAFailure() {
        BackendGuard guard = guard(10);
        for (int i = 0; i < 4; i++) {
            call(guard, new Attempt.Failed<>(BackendFailure.BAD_STATUS, 503, "status 503", MS));
        }

        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aCallThatWasNotSentGivesItsProbeBack() {
        BackendGuard guard = guard(10);
        for (int i = 0; i < 4; i++) {
            call(guard, failed(BackendFailure.CONNECT));
        }
        clock.advance(Duration.ofMillis(2001));
        call(guard, failed(BackendFailure.CONNECTION_LIMIT));
        call(guard, failed(BackendFailure.DEADLINE));

        call(guard, answered(MS));
        call(guard, answered(MS));

        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void refusesCallsPastTheBulkheadAndTakesThemAgainWhenOneEnds() {
        BackendGuard guard = guard(2);
        assertThat(guard.tryAcquire()).isNull();
        assertThat(guard.tryAcquire()).isNull();
        assertThat(guard.inFlight()).isEqualTo(2);
        assertThat(guard.isCallPermitted()).isFalse();

        assertThat(guard.tryAcquire()).isEqualTo(BackendFailure.BULKHEAD_FULL);
        assertThat(listener.events).containsExactly("primary:bulkhead-full");

        guard.record(answered(MS));
        assertThat(guard.inFlight()).isEqualTo(1);
        assertThat(guard.tryAcquire()).isNull();
        guard.release();
        guard.record(answered(MS));
        assertThat(guard.inFlight()).isZero();
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aResetClosesTheBreaker() {
        BackendGuard guard = guard(10);
        for (int i = 0; i < 4; i++) {
            call(guard, failed(BackendFailure.CONNECT));
        }

        guard.reset();

        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(guard.isCallPermitted()).isTrue();
    }

    @Test
    void refusesSettingsOutOfRangeNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new BreakerSettings(0, 100, Duration.ofMillis(1), 10, 5, Duration.ofSeconds(1), 1))
                .hasMessage("breaker.failure-rate-threshold: 0 (expected: 1 to 100)");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new BreakerSettings(50, 100, Duration.ofMillis(1), 10, 11, Duration.ofSeconds(1), 1))
                .hasMessage("breaker.minimum-calls: 11 (expected: 1 to 10)");
    }
}
