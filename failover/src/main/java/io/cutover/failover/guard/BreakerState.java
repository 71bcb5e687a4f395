package io.cutover.failover.guard;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Locale;

/** The state of a backend's circuit breaker, as metrics, logs and the replayer see it. */
public enum BreakerState {
    /** Calls go through and are judged. */
    CLOSED,
    /** Calls are refused until the open period ends. */
    OPEN,
    /** A few probe calls go through; they decide whether the breaker closes or opens again. */
    HALF_OPEN,
    /** Forced open by an operator: calls are refused until released. */
    FORCED_OPEN,
    /** Turned off: every call goes through, nothing is judged. */
    DISABLED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used as a metric tag and in logs. */
    public String tag() {
        return tag;
    }

    static BreakerState of(CircuitBreaker.State state) {
        switch (state) {
            case CLOSED:
            case METRICS_ONLY:
                return CLOSED;
            case OPEN:
                return OPEN;
            case HALF_OPEN:
                return HALF_OPEN;
            case FORCED_OPEN:
                return FORCED_OPEN;
            default:
                return DISABLED;
        }
    }
}
