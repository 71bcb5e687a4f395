package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.proxy.tls.LocalCertificates;
import io.cutover.proxy.tls.ServerCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void copyExample() throws IOException {
        config = dir.resolve("cutover.yaml");
        Files.copy(Path.of("..", "config", "cutover.example.yaml"), config);
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");
    }

    @Test
    void theExampleKeepsTlsOffUntilEnabled() {
        CutoverConfig loaded = ConfigLoader.load(config, Map.of());

        assertThat(loaded.tls().listener()).isEmpty();
        assertThat(loaded.tls().primaryTrust()).isEmpty();
    }

    @Test
    void theExampleServesTlsAsDocumentedOnceEnabledWithItsFilesInPlace() {
        // The example's relative paths: tls/cert.pem and tls/key.pem beside the config file.
        LocalCertificates files =
                LocalCertificates.create(dir.resolve("tls"), List.of("localhost"), Duration.ofDays(1));

        CutoverConfig loaded = ConfigLoader.load(config, Map.of("CUTOVER_TLS_ENABLED", "true"));

        TlsListenerSettings tls = loaded.tls().listener().orElseThrow();
        assertThat(tls.host()).isEqualTo("0.0.0.0");
        assertThat(tls.port()).isEqualTo(8443);
        assertThat(tls.certificate()).isEqualTo(files.certificate());
        assertThat(tls.privateKey()).isEqualTo(files.privateKey());
        assertThat(tls.sniCertificates()).isEmpty();
        assertThat(tls.watchInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tls.http2()).isEqualTo(new Http2Limits(true, 100, 16384, 200, Duration.ofSeconds(30)));
        // And the files load as a server's certificates.
        try (ServerCertificates certificates = ServerCertificates.load(tls, ServerCertificates.ReloadListener.NONE)) {
            assertThat(certificates.notAfter()).isAfter(java.time.Instant.now());
        }
    }

    @Test
    void refusesABackendTrustFileThatIsNotThere() {
        assertThatThrownBy(() -> ConfigLoader.load(config, Map.of("CUTOVER_BACKENDS_PRIMARY_TRUST_CA", "nowhere.pem")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "backends.primary.trust-ca: nowhere.pem (expected: a PEM file of CA certificates");
    }

    @Test
    void refusesHttp2LimitsOutOfRange() {
        assertThatThrownBy(() -> ConfigLoader.load(config, Map.of("CUTOVER_TLS_HTTP2_MAX_CONCURRENT_STREAMS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.http2.max-concurrent-streams: 0 (expected:");
    }
}
