package io.cutover.failover;

import java.util.Locale;

/**
 * Why an attempt at a backend failed. The class decides whether another backend may be tried: a
 * request that may have reached the primary must not also go to legacy, or the sale or click
 * would be counted twice.
 */
public enum BackendFailure {
    /** Connection refused, unreachable or connect timeout: the request never left. */
    CONNECT(false),
    /** This event loop's connection bound for the backend is reached: the request never left. */
    CONNECTION_LIMIT(false),
    /** The request could not be written to the connection: it never left. */
    WRITE(false),
    /** The connection closed or reset after the request was written: it may have been counted. */
    RESET(true),
    /** No response in time: the backend may have counted it. */
    READ_TIMEOUT(true),
    /** The backend answered with an error status: it answered, and did not count it. */
    BAD_STATUS(false),
    /**
     * The backend answered something unusable (malformed, or a redirect without a safe
     * location): it got the request and may have counted it.
     */
    BAD_RESPONSE(true),
    /** No time left in the request's budget to try this backend: it was not sent. */
    DEADLINE(false);

    private final boolean mayHaveCounted;
    private final String tag = name().toLowerCase(Locale.ROOT);

    BackendFailure(boolean mayHaveCounted) {
        this.mayHaveCounted = mayHaveCounted;
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
