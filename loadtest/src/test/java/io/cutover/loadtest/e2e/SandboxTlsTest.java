package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sandbox.SandboxTls;
import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sandbox with {@code --tls}: Cutover's HTTPS listener and the simulated Awin over HTTPS and
 * HTTP/2, with the certificate made at start, trusted through its CA alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NettyLeaks.class)
class SandboxTlsTest {

    private static final String CLICK =
            "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    private Sandbox sandbox;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("cutover-sandbox-tls-");
        SandboxTls tls = SandboxTls.create(dir.resolve("tls"), 0);
        // Budgets for a loaded 2-core machine: this suite is about the protocols, not deadlines.
        sandbox = Sandbox.start(
                SandboxOptions.ephemeral(1),
                Map.of(
                        "replay.enabled", false,
                        "backends.primary.connect-timeout", "1s",
                        "backends.primary.response-timeout", "3s",
                        "backends.legacy.response-timeout", "3s",
                        "deadlines.click", "8s",
                        "deadlines.conversion", "8s"),
                FileDirectory.sample(),
                tls);
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(trusting(tls.caCertificate()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void aClickOverHttp2ReachesTheSimulatedAwinOverHttps() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.tlsUrl().replace("127.0.0.1", "localhost") + CLICK))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(302);
        // awc comes from the simulated Awin only: Cutover reached it over HTTPS, trusting the CA.
        assertThat(response.headers().firstValue("location").orElseThrow())
                .startsWith("https://www.example.com/page?id=6&awc=15532_");
        List<ReceivedRequest> received = sandbox.awin().received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).headers())
                .containsEntry("Host", "www.awin1.com")
                .containsEntry("X-Forwarded-Proto", "https");
        assertThat(received.get(0).eventId())
                .isEqualTo(response.headers().firstValue("x-cutover-event-id").orElseThrow());
    }

    @Test
    void theSimulatedAwinServesHttp2ToABrowserLikeClient() throws Exception {
        assertThat(sandbox.awin().trackingUri().getScheme()).isEqualTo("https");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        "https://localhost:" + sandbox.awin().trackingPort()
                                                + "/cread.php?awinmid=15532&awinaffid=402911&ued=https%3A%2F%2Fwww.example.com%2F"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location").orElseThrow()).contains("awc=15532_");
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
