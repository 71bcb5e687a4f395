package io.cutover.proxy.config;

import java.net.URI;
import java.time.Duration;

/**
 * One backend platform.
 *
 * @param name {@code primary} or {@code legacy}
 * @param url the base URL requests are sent to (scheme, host, port; a path is not used)
 * @param hostHeader the {@code Host} header and TLS server name to send; the URL's host unless
 *     set. Needed for the legacy platform, whose public host name points at Cutover itself.
 * @param connectTimeout the longest a new connection may take
 * @param responseTimeout the longest one attempt may wait for a complete response
 * @param maxConnections the connection bound per event loop; when reached the attempt fails
 *     without being sent
 * @param idleTimeout a pooled connection unused for this long is closed; keep it below the
 *     backend's own keep-alive timeout so a request rarely meets a connection being closed
 * @param maxResponseSize the largest response body accepted
 */
public record BackendSettings(
        String name,
        URI url,
        String hostHeader,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxConnections,
        Duration idleTimeout,
        int maxResponseSize) {

    /** Whether connections use TLS. */
    public boolean tls() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** The port to connect to: the URL's, or the scheme's default. */
    public int port() {
        return url.getPort() > 0 ? url.getPort() : tls() ? 443 : 80;
    }

    /** The host to connect to. */
    public String host() {
        return url.getHost();
    }
}
