package io.cutover.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.proxy.config.ConfigException;
import io.cutover.proxy.testing.NettyLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The certificate chosen by the client's SNI name, and start-up refusing files it cannot use. */
@ExtendWith(NettyLeaks.class)
class SniCertificateTest {

    @TempDir
    Path dir;

    @Test
    void servesTheCertificateWhoseNamesMatchTheSniNameAndTheDefaultOtherwise() throws Exception {
        LocalCertificates legacyHost = LocalCertificates.create(
                dir.resolve("legacy"), List.of("www.legacy-tracking.test", "*.legacy.test"), Duration.ofDays(2));
        // One PEM file holding the chain and its key.
        Path combined = dir.resolve("legacy.pem");
        Files.writeString(
                combined, Files.readString(legacyHost.certificate()) + Files.readString(legacyHost.privateKey()));

        try (TlsCutover it = new TlsCutover(Map.of("tls.sni-certificates", List.of(combined.toString())))) {
            X509Certificate exact = TlsListenerTest.peerCertificate(
                    it.tlsPort(), "www.legacy-tracking.test", legacyHost.caCertificate());
            X509Certificate wildcard =
                    TlsListenerTest.peerCertificate(it.tlsPort(), "r.legacy.test", legacyHost.caCertificate());
            X509Certificate fallback =
                    TlsListenerTest.peerCertificate(it.tlsPort(), "localhost", it.certificates.caCertificate());

            X509Certificate legacyLeaf = TlsListenerTest.firstCertificate(legacyHost.certificate());
            X509Certificate defaultLeaf = TlsListenerTest.firstCertificate(it.certificates.certificate());
            assertThat(exact.getSerialNumber()).isEqualTo(legacyLeaf.getSerialNumber());
            assertThat(wildcard.getSerialNumber()).isEqualTo(legacyLeaf.getSerialNumber());
            assertThat(fallback.getSerialNumber()).isEqualTo(defaultLeaf.getSerialNumber());
        }
    }

    @Test
    void refusesToStartWithAKeyThatIsNotTheCertificatesNamingTheFile() {
        LocalCertificates one = LocalCertificates.create(dir.resolve("one"), List.of("localhost"), Duration.ofDays(2));
        LocalCertificates two = LocalCertificates.create(dir.resolve("two"), List.of("localhost"), Duration.ofDays(2));

        assertThatThrownBy(() -> new TlsCutover(Map.of(
                                "tls.certificate", one.certificate().toString(),
                                "tls.private-key", two.privateKey().toString()))
                        .close())
                .hasMessageContaining("tls.private-key: " + two.privateKey())
                .hasMessageContaining("it belongs to another certificate");
    }

    @Test
    void refusesTlsWithoutCertificateFiles() {
        assertThatThrownBy(() -> new TlsCutover(
                        Map.of("tls.certificate", dir.resolve("missing.pem").toString(), "tls.private-key", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "tls.certificate: " + dir.resolve("missing.pem") + " (expected: a readable PEM file")
                .hasMessageContaining("tls.private-key: missing (expected: a PEM file (tls.enabled is true))");
    }
}
