package io.cutover.proxy.flow;

/**
 * Decides whether a client may send one more request now. Keyed by the client's address as the
 * flow knows it ({@link ClientHeaders#clientIp()}); implementations truncate it themselves.
 */
@FunctionalInterface
public interface ClientRateLimit {

    /** Admits every request. */
    ClientRateLimit NONE = clientIp -> 0;

    /**
     * Takes one request from the client's allowance.
     *
     * @return 0 when admitted; otherwise how long (nanoseconds, > 0) until it would be
     */
    long admit(String clientIp);

    /** Told of each request over its client's rate, by link kind tag (for metrics). */
    default void limited(String kindTag) {}
}
