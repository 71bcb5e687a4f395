package io.cutover.proxy.guard;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingTable;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cutover between two WireMock servers on port 0 (the primary and legacy), with the breakers'
 * time on a hand-driven clock. Each test starts its own, so breakers and counters start at zero.
 */
final class GuardedCutover implements AutoCloseable {

    /** A click the built-in table maps for the sample directory's merchant 41388. */
    static final String CLICK = "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    final WireMockServer primary = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    final WireMockServer legacy = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    final MutableClock clock = new MutableClock();
    final Cutover cutover;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GuardedCutover(Map<String, Object> overrides) {
        primary.start();
        legacy.start();
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("server.host", "127.0.0.1");
        flat.put("server.port", 0);
        flat.put("server.event-loops", 2);
        flat.put("admin.host", "127.0.0.1");
        flat.put("admin.port", 0);
        flat.put("backends.primary.url", "http://127.0.0.1:" + primary.port());
        flat.put("backends.primary.connect-timeout", "200ms");
        flat.put("backends.primary.response-timeout", "400ms");
        flat.put("backends.legacy.url", "http://127.0.0.1:" + legacy.port());
        flat.put("backends.legacy.connect-timeout", "200ms");
        flat.put("backends.legacy.response-timeout", "400ms");
        // Generous for a loaded 2-core machine; the breaker's window is small so tests are short.
        flat.put("deadlines.click", "1s");
        flat.put("backends.primary.breaker.window-size", 4);
        flat.put("backends.primary.breaker.minimum-calls", 4);
        flat.put("backends.primary.breaker.failure-rate-threshold", 50);
        flat.put("backends.primary.breaker.open-for", "10s");
        flat.put("backends.primary.breaker.half-open-probes", 2);
        flat.put("directory.file", ConfigLoader.SAMPLE_DIRECTORY);
        flat.put("access-log", "off");
        try {
            // No queue: local answers are spooled, each instance in a folder of its own.
            flat.put(
                    "spool.dir",
                    java.nio.file.Files.createTempDirectory("cutover-test-spool-")
                            .toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        flat.putAll(overrides);
        warmUp(primary);
        warmUp(legacy);
        CutoverConfig config = ConfigLoader.fromTree("test", ConfigLoader.treeOf(flat), Map.of(), Path.of("."));
        try {
            cutover = Cutover.start(
                    config, new Translator(MappingTable.builtIn(), FileDirectory.sample()), clock, System::nanoTime);
        } catch (RuntimeException e) {
            primary.stop();
            legacy.stop();
            throw e;
        }
    }

    /** WireMock's first answer can take seconds on a busy machine: not a test's deadline's business. */
    private void warmUp(WireMockServer server) {
        try {
            for (int i = 0; i < 3; i++) {
                get(server.port(), "/warm-up");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server.resetAll();
    }

    HttpResponse<String> click() throws IOException, InterruptedException {
        return get(cutover.port(), CLICK);
    }

    HttpResponse<String> get(int port, String target) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int received(WireMockServer server) {
        return server.countRequestsMatching(RequestPatternBuilder.allRequests().build())
                .getCount();
    }

    /** One sample of the admin scrape, 0 when the series is absent. */
    double metric(String name, String labels) throws IOException, InterruptedException {
        String scrape = get(cutover.adminPort(), "/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$")
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    double attempts(String backend, String outcome) throws IOException, InterruptedException {
        return metric("cutover_backend_attempts_total", "backend=\"" + backend + "\",outcome=\"" + outcome + "\"");
    }

    double events(String fate) throws IOException, InterruptedException {
        return metric("cutover_events_total", "fate=\"" + fate + "\",kind=\"r.cfm\"");
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
}
