package io.cutover.proxy.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS at both edges: the HTTPS listener shoppers' browsers reach, and the certificate
 * authorities Cutover trusts for HTTPS backends besides the system's.
 *
 * @param listener the HTTPS listener; empty when {@code tls.enabled} is false
 * @param primaryTrust a PEM file of CA certificates trusted for the primary instead of the JDK's
 *     (a private CA, or a test's self-signed backend); empty means the JDK's trust store
 * @param legacyTrust the same for the legacy backend
 */
public record TlsSettings(
        Optional<TlsListenerSettings> listener, Optional<Path> primaryTrust, Optional<Path> legacyTrust) {

    /** No HTTPS listener, the JDK's trust store for every backend. */
    public static TlsSettings none() {
        return new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The CA file trusted for a backend ({@code primary} or {@code legacy}), if one is set. */
    public Optional<Path> trustFor(String backend) {
        return backend.equals("primary") ? primaryTrust : legacyTrust;
    }
}
