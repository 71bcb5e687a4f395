package io.cutover.loadtest.load;

/**
 * How requests use connections: most shoppers' browsers keep a connection alive for a few
 * requests, link checkers and some apps open one per click.
 *
 * @param maxConnections connections open at once at most (the open model opens more as the
 *     server slows, up to this; the closed model uses its concurrency and ignores it)
 * @param newConnectionPercent the share of requests, 0 to 100, sent on a connection of their own
 *     with {@code Connection: close}; the rest reuse keep-alive connections
 */
public record ConnectionMix(int maxConnections, int newConnectionPercent) {

    public ConnectionMix {
        if (maxConnections < 1 || maxConnections > 60_000) {
            throw new IllegalArgumentException("connections: " + maxConnections + " (expected: 1 to 60000)");
        }
        if (newConnectionPercent < 0 || newConnectionPercent > 100) {
            throw new IllegalArgumentException(
                    "new-connection percent: " + newConnectionPercent + " (expected: 0 to 100)");
        }
    }

    /** Keep-alive only, on up to {@code maxConnections}. */
    public static ConnectionMix keepAlive(int maxConnections) {
        return new ConnectionMix(maxConnections, 0);
    }
}
