package io.cutover.proxy.config;

/**
 * The per-client request rate: a token bucket per client, keyed by the client's truncated address
 * (IPv4 /24, IPv6 /48; behind trusted proxies the address {@code server.client-ip-header} names).
 * A click over it is answered 429 with {@code Retry-After}; a conversion pixel over it is queued
 * for replay and still answered with the GIF, so no sale is lost.
 *
 * @param enabled whether requests are limited at all
 * @param requestsPerSecond the sustained rate one client may send
 * @param burst how many requests a client may send at once after being quiet
 * @param maxClients clients tracked at once; the least recently seen are forgotten past it
 */
public record RateLimitSettings(boolean enabled, double requestsPerSecond, int burst, int maxClients) {

    public static RateLimitSettings off() {
        return new RateLimitSettings(false, 50, 100, 100_000);
    }
}
