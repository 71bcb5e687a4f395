package io.cutover.proxy.tls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingTable;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cutover with its HTTPS listener on port 0, between two WireMock backends on port 0, with a
 * fresh local CA and certificate for {@code localhost}, {@code 127.0.0.1} and {@code
 * *.shareasale.com} in a folder of its own.
 */
final class TlsCutover implements AutoCloseable {

    /** A click the built-in table maps for the sample directory's merchant 41388. */
    static final String CLICK = "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    static final String LANDED = "https://www.example.com/page?id=6&via=primary";

    final WireMockServer primary = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    final WireMockServer legacy = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    final Path dir;
    final Path accessLog;
    final LocalCertificates certificates;
    final Cutover cutover;

    TlsCutover(Map<String, Object> overrides) {
        try {
            dir = Files.createTempDirectory("cutover-tls-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        accessLog = dir.resolve("access.log");
        certificates = LocalCertificates.create(
                dir.resolve("tls"), List.of("localhost", "*.shareasale.com", "127.0.0.1"), Duration.ofDays(2));
        primary.start();
        legacy.start();
        primary.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", LANDED)));
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", LANDED)));
        warmUp(primary);
        warmUp(legacy);
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("server.host", "127.0.0.1");
        flat.put("server.port", 0);
        flat.put("server.event-loops", 2);
        flat.put("admin.host", "127.0.0.1");
        flat.put("admin.port", 0);
        flat.put("tls.enabled", true);
        flat.put("tls.host", "127.0.0.1");
        flat.put("tls.port", 0);
        flat.put("tls.certificate", certificates.certificate().toString());
        flat.put("tls.private-key", certificates.privateKey().toString());
        flat.put("tls.watch-interval", "100ms");
        flat.put("backends.primary.url", "http://127.0.0.1:" + primary.port());
        flat.put("backends.legacy.url", "http://127.0.0.1:" + legacy.port());
        // Generous for a loaded 2-core machine: these tests are about the edge, not deadlines.
        flat.put("backends.primary.connect-timeout", "1s");
        flat.put("backends.primary.response-timeout", "3s");
        flat.put("backends.legacy.connect-timeout", "1s");
        flat.put("backends.legacy.response-timeout", "3s");
        flat.put("deadlines.click", "8s");
        flat.put("deadlines.conversion", "8s");
        flat.put("queue.ack-timeout", "100ms");
        flat.put("directory.file", ConfigLoader.SAMPLE_DIRECTORY);
        flat.put("access-log", accessLog.toString());
        flat.put("spool.dir", dir.resolve("spool").toString());
        flat.putAll(overrides);
        try {
            CutoverConfig config = ConfigLoader.fromTree("test", ConfigLoader.treeOf(flat), Map.of(), Path.of("."));
            cutover = Cutover.start(
                    config,
                    new Translator(MappingTable.builtIn(), FileDirectory.sample()),
                    Clock.systemUTC(),
                    System::nanoTime);
        } catch (RuntimeException e) {
            primary.stop();
            legacy.stop();
            throw e;
        }
    }

    /** WireMock's first answers can take seconds on a busy machine: not these tests' business. */
    private static void warmUp(WireMockServer server) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            for (int i = 0; i < 3; i++) {
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/warm-up"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server.resetRequests();
    }

    int tlsPort() {
        return cutover.tlsPort();
    }

    /** The access log's lines so far (it is written asynchronously: poll). */
    List<String> accessLogLines() {
        try {
            return Files.exists(accessLog) ? Files.readAllLines(accessLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            cutover.close();
        } finally {
            primary.stop();
            legacy.stop();
        }
    }

    /** The primary answers every request with the usual redirect, after {@code millis}: streams stay open meanwhile. */
    void slowPrimary(int millis) {
        primary.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(302)
                        .withHeader("Location", LANDED)
                        .withFixedDelay(millis)));
    }
}
