package io.cutover.failover;

import java.util.Locale;

/**
 * Why an attempt at a backend failed. The class decides whether another backend may be tried: a
 * request that may have reached the primary must not also go to legacy, or the sale or click
 * would be counted twice.
 */
public enum BackendFailure {
    /** Connection refused, unreachable or connect timeout: the request never left. */
    CONNECT(false, true),
    /** This event loop's connection bound for the backend is reached: the request never left. */
    CONNECTION_LIMIT(false, false),
    /** The request could not be written to the connection: it never left. */
    WRITE(false, true),
    /** The connection closed or reset after the request was written: it may have been counted. */
    RESET(true, false),
    /** No response in time: the backend may have counted it. */
    READ_TIMEOUT(true, false),
    /** The backend answered with an error status: it answered, and did not count it. */
    BAD_STATUS(false, false),
    /**
     * The backend answered something unusable (malformed, or a redirect without a safe
     * location): it got the request and may have counted it.
     */
    BAD_RESPONSE(true, false),
    /** No time left in the request's budget to try this backend: it was not sent. */
    DEADLINE(false, false),
    /** The backend's circuit breaker is open (or out of half-open probes): it was not sent. */
    BREAKER_OPEN(false, false),
    /** The backend's bulkhead is full (too many calls in flight): it was not sent. */
    BULKHEAD_FULL(false, false);

    private final boolean mayHaveCounted;
    private final boolean retryable;
    private final String tag = name().toLowerCase(Locale.ROOT);

    BackendFailure(boolean mayHaveCounted, boolean retryable) {
        this.mayHaveCounted = mayHaveCounted;
        this.retryable = retryable;
    }

    /**
     * Whether another attempt at the same backend may follow: only where the request certainly
     * never left and the cause may pass (a refused connect, a failed write). A full bulkhead, an
     * open breaker or a spent budget are not retried: retrying them only adds load where there is
     * too much already.
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * Whether the backend never saw the request because Cutover did not send it (its bound, its
     * breaker, its bulkhead or the budget): such an attempt says nothing about the backend's health.
     */
    public boolean notSent() {
        return this == CONNECTION_LIMIT || this == DEADLINE || this == BREAKER_OPEN || this == BULKHEAD_FULL;
    }

    /**
     * Whether the request never reached the backend: refused or unreachable, not written, or not
     * sent at all. Such a failure says nothing about the request itself, only that the backend
     * could not be asked.
     */
    public boolean unreached() {
        return this == CONNECT || this == WRITE || notSent();
    }

    /**
     * Whether the backend may have received and counted the request. When true, the request must
     * not be sent to another backend as well; it waits for an idempotent replay instead.
     */
    public boolean mayHaveCounted() {
        return mayHaveCounted;
    }

    /** The lower-case name used as a metric tag and in the access log. */
    public String tag() {
        return tag;
    }
}
