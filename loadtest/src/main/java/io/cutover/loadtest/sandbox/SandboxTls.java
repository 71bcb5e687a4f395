package io.cutover.loadtest.sandbox;

import io.cutover.proxy.tls.LocalCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's HTTPS listener: a local CA and a server certificate for {@code *.shareasale.com},
 * {@code shareasale.com}, {@code *.awin1.com}, {@code localhost} and {@code 127.0.0.1}, made fresh
 * at each start, and the configuration keys that serve it. Trust {@link #caCertificate()} (curl's
 * {@code --cacert}, or a browser's authorities) to reach {@code https://www.shareasale.com} on
 * it; the certificate files are watched, so replacing them swaps what the next connection gets.
 *
 * @param port the HTTPS port (8443 by default; 0 picks a free one)
 */
public record SandboxTls(LocalCertificates certificates, int port) {

    /** The documented sandbox HTTPS port. */
    public static final int DEFAULT_PORT = 8443;

    /** Makes the certificates in {@code dir} ({@code ca.pem}, {@code cert.pem}, {@code key.pem}). */
    public static SandboxTls create(Path dir, int port) {
        return new SandboxTls(
                LocalCertificates.create(dir, LocalCertificates.SANDBOX_NAMES, Duration.ofDays(30)), port);
    }

    /** The CA certificate clients trust. */
    public Path caCertificate() {
        return certificates.caCertificate();
    }

    /** The configuration keys of the HTTPS listener, for {@link Sandbox#start(SandboxOptions, Map)}. */
    public Map<String, Object> overrides() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("tls.enabled", true);
        keys.put("tls.host", "127.0.0.1");
        keys.put("tls.port", port);
        keys.put("tls.certificate", certificates.certificate().toString());
        keys.put("tls.private-key", certificates.privateKey().toString());
        keys.put("tls.watch-interval", "500ms");
        return keys;
    }
}
