package io.cutover.failover.guard;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard of one backend, shared by every event loop: a resilience4j circuit breaker and a
 * bulkhead, used by permission and callback (as armeria's {@code
 * Resilience4JCircuitBreakerClientHandler}), never around a blocking call. A call asks {@link
 * #tryAcquire} before it is sent and reports {@link #record} when it ended, with its duration;
 * a call that never went out gives its permission back, so it neither counts as a failure nor
 * uses up a half-open probe.
 *
 * <p>The bulkhead is resilience4j's semaphore bulkhead with no wait: its {@code
 * tryAcquirePermission} then never blocks (a non-fair semaphore's {@code tryAcquire} is one
 * compare-and-set), and {@code onComplete} may come from any thread, which is what an
 * asynchronous call needs.
 *
 * <p>Time comes from the injected {@link Clock}: the breaker's open period runs on it, so tests
 * drive it by hand.
 */
public final class BackendGuard {

    private static final Logger log = LoggerFactory.getLogger(BackendGuard.class);

    private final String name;
    private final GuardSettings settings;
    private final Clock clock;
    private final GuardListener listener;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Throwable[] errors;
    private volatile Instant openUntil = Instant.MIN;

    public BackendGuard(String name, GuardSettings settings, Clock clock, GuardListener listener) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        BreakerSettings b = settings.breaker();
        this.breaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(b.failureRatePercent())
                        .slowCallRateThreshold(b.slowCallRatePercent())
                        .slowCallDurationThreshold(b.slowCallDuration())
                        .slidingWindow(
                                b.windowSize(), b.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .waitDurationInOpenState(b.openFor())
                        .permittedNumberOfCallsInHalfOpenState(b.halfOpenProbes())
                        // Open → half-open happens on the next asking call, on the injected clock:
                        // no scheduler thread, and tests need no sleep.
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .writableStackTraceEnabled(false)
                        .clock(clock)
                        .build());
        this.bulkhead = Bulkhead.of(
                name,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxInFlight())
                        .maxWaitDuration(Duration.ZERO)
                        .fairCallHandlingStrategyEnabled(false)
                        .writableStackTraceEnabled(false)
                        .build());
        this.errors = new Throwable[BackendFailure.values().length];
        for (BackendFailure failure : BackendFailure.values()) {
            errors[failure.ordinal()] = new FailedCall(failure);
        }
        breaker.getEventPublisher().onStateTransition(event -> {
            BreakerState from = BreakerState.of(event.getStateTransition().getFromState());
            BreakerState to = BreakerState.of(event.getStateTransition().getToState());
            if (to == BreakerState.OPEN) {
                openUntil = clock.instant().plus(settings.breaker().openFor());
            }
            if (from != to) {
                float failures = breaker.getMetrics().getFailureRate();
                float slow = breaker.getMetrics().getSlowCallRate();
                if (failures >= 0) {
                    log.warn(
                            "breaker {}: {} -> {} (failure rate {}%, slow calls {}%)",
                            name, from.tag(), to.tag(), Math.round(failures), Math.round(slow));
                } else {
                    log.warn("breaker {}: {} -> {}", name, from.tag(), to.tag());
                }
                listener.stateChanged(name, from, to);
            }
        });
    }

    /** The backend's name: {@code primary} or {@code legacy}. */
    public String name() {
        return name;
    }

    public GuardSettings settings() {
        return settings;
    }

    /** The breaker's state now. */
    public BreakerState state() {
        return BreakerState.of(breaker.getState());
    }

    /** Calls in flight to the backend now, over all event loops. */
    public int inFlight() {
        return settings.maxInFlight() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /**
     * Whether a call may go to the backend now: the breaker is closed or half-open, or open with
     * its open period over (the next call will probe), and the bulkhead has room. Cheap and
     * non-blocking, and it takes no permission: a caller that then sends still asks {@link
     * #tryAcquire}, which may refuse (e.g. when the half-open probes are taken meanwhile).
     */
    public boolean isCallPermitted() {
        boolean breakerAllows = switch (state()) {
            case CLOSED, HALF_OPEN, DISABLED -> true;
            // resilience4j probes once the instant is past the open period's end.
            case OPEN -> clock.instant().isAfter(openUntil);
            case FORCED_OPEN -> false;
        };
        return breakerAllows && bulkhead.getMetrics().getAvailableConcurrentCalls() > 0;
    }

    /**
     * Asks to send one call.
     *
     * @return {@code null} when the call may go out, and must then end with exactly one {@link
     *     #record} or {@link #release}; else {@link BackendFailure#BREAKER_OPEN} or {@link
     *     BackendFailure#BULKHEAD_FULL}, and there is nothing to give back
     */
    public BackendFailure tryAcquire() {
        if (!breaker.tryAcquirePermission()) {
            return BackendFailure.BREAKER_OPEN;
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            listener.bulkheadFull(name);
            return BackendFailure.BULKHEAD_FULL;
        }
        return null;
    }

    /**
     * Reports how an admitted call ended. An answer is a success; so is an error status below
     * 500 (the backend works, the request did not suit it). A call that was not sent after all
     * gives its permission back. Everything else is a failure; any call slower than the
     * slow-call duration counts as slow.
     */
    public void record(Attempt<?> attempt) {
        bulkhead.onComplete();
        if (attempt instanceof Attempt.Answered<?> answered) {
            breaker.onSuccess(answered.nanos(), TimeUnit.NANOSECONDS);
            return;
        }
        Attempt.Failed<?> failed = (Attempt.Failed<?>) attempt;
        BackendFailure failure = failed.failure();
        if (failure.notSent()) {
            breaker.releasePermission();
        } else if (failure == BackendFailure.BAD_STATUS && failed.status() < 500) {
            breaker.onSuccess(failed.nanos(), TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(failed.nanos(), TimeUnit.NANOSECONDS, errors[failure.ordinal()]);
        }
    }

    /** Gives back an admitted call's permissions when it could not be started at all. */
    public void release() {
        bulkhead.releasePermission();
        breaker.releasePermission();
    }

    /** Closes the breaker and forgets its window (an operator's reset). */
    public void reset() {
        breaker.reset();
        openUntil = Instant.MIN;
    }

    /**
     * Holds the breaker open or closed, or hands it back to its failure rate ({@link
     * BreakerOverride#AUTO}: closed, with a fresh window). Takes effect for the next call on every
     * event loop; the transition is reported to the listener like any other.
     */
    public void override(BreakerOverride override) {
        switch (override) {
            case FORCED_OPEN -> breaker.transitionToForcedOpenState();
            case FORCED_CLOSED -> breaker.transitionToDisabledState();
            case AUTO -> {
                if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                    breaker.reset();
                } else {
                    breaker.transitionToClosedState();
                }
                openUntil = Instant.MIN;
            }
        }
    }

    /** The failure rate of the breaker's window in percent, or -1 before it holds enough calls. */
    public float failureRate() {
        return breaker.getMetrics().getFailureRate();
    }

    /** The slow-call rate of the breaker's window in percent, or -1 before it holds enough calls. */
    public float slowCallRate() {
        return breaker.getMetrics().getSlowCallRate();
    }

    /** A failure as resilience4j records it: preallocated, without a stack trace. */
    static final class FailedCall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedCall(BackendFailure failure) {
            super(failure.tag(), null, false, false);
        }
    }
}
