package io.cutover.proxy.server;

/** Told of what the edge turns away before a request reaches the flow; metrics count it. */
@FunctionalInterface
public interface EdgeObserver {

    EdgeObserver NONE = reason -> {};

    String HEAD_TIMEOUT = "head_timeout";
    String MAX_CONNECTIONS = "max_connections";
    String MAX_CONNECTIONS_PER_CLIENT = "max_connections_per_client";

    /** One connection or request refused, by reason tag. */
    void refused(String reason);
}
