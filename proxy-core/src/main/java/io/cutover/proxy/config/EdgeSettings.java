package io.cutover.proxy.config;

import io.cutover.ops.privacy.IpRange;
import java.time.Duration;
import java.util.List;

/**
 * What the client listener allows before a request reaches the flow: how long a request head may
 * take, how many connections it holds, and which peers are proxies whose forwarding headers are
 * believed.
 *
 * @param requestHeadTimeout a request head (request line and headers) must arrive whole within
 *     this from its first byte (or from the connection's start, for the first one); on top of
 *     {@code server.idle-timeout}
 * @param maxConnections client connections open at once over the whole listener; 0 = no cap
 * @param maxConnectionsPerClient connections open at once from one peer address, trusted proxies
 *     exempt; 0 = no cap
 * @param trustedProxies peers whose {@code X-Forwarded-For}, {@code Forwarded} and {@code
 *     X-Forwarded-Proto} are believed; from any other peer they are dropped
 * @param clientIpHeader behind a trusted proxy, the header naming the client: {@code
 *     x-forwarded-for} (the rightmost address that is not a trusted proxy) or a one-address header
 *     such as {@code x-real-ip}
 */
public record EdgeSettings(
        Duration requestHeadTimeout,
        int maxConnections,
        int maxConnectionsPerClient,
        List<IpRange> trustedProxies,
        String clientIpHeader) {

    public static final String X_FORWARDED_FOR = "x-forwarded-for";

    public EdgeSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The defaults: 5 s for a head, 10,000 connections, 256 per client, no trusted proxy. */
    public static EdgeSettings defaults() {
        return new EdgeSettings(Duration.ofSeconds(5), 10_000, 256, List.of(), X_FORWARDED_FOR);
    }

    /** Whether the peer address literal is one of the trusted proxies. */
    public boolean isTrustedProxy(String address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
