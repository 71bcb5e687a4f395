package io.cutover.proxy.config;

import java.time.Duration;

/**
 * The client-facing listener.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one (tests)
 * @param eventLoops the number of event loops; 0 means one per core
 * @param transport epoll where available, else NIO, unless forced
 * @param maxInitialLine the longest request line accepted (ShareASale deep links can be long)
 * @param maxHeaderSize the largest header block accepted
 * @param maxBody the largest request body accepted (tracking requests have none)
 * @param idleTimeout a client connection with no request for this long is closed
 * @param trustForwardedFor whether the client address is the leftmost {@code X-Forwarded-For}
 *     entry (behind a load balancer) rather than the socket's peer
 */
public record ServerSettings(
        String host,
        int port,
        int eventLoops,
        TransportKind transport,
        int maxInitialLine,
        int maxHeaderSize,
        int maxBody,
        Duration idleTimeout,
        boolean trustForwardedFor) {

    /** The event loop count to use: the configured one, or one per core. */
    public int effectiveEventLoops() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }
}
