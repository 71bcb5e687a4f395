package io.cutover.loadtest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.testing.PrometheusScrape;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics SREs watch, read the way Prometheus reads them: {@code /metrics} is scraped while
 * real traffic goes through the sandbox — Awin healthy, then down (legacy answers, the breaker
 * opens), then both platforms down (local answers, queued), then back (the replayer drains the
 * queue), an unreadable message dead-lettered, a refused and a good mapping reload, the synthetic
 * click running — and every metric of the operations issue is found with values that fit what
 * was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NettyLeaks.class)
class MetricsUnderTrafficTest {

    private static final String CLICK =
            "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";
    private static final String SALE = "/sale.cfm?tracking=A2&amount=5.00&merchantID=41388&transtype=sale";

    private Path mappings;

    private Sandbox sandbox;
    private final TestHttp http = new TestHttp();
    private URI cutover;
    private URI admin;
    private final List<PrometheusScrape> duringTraffic = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        mappings = Files.createTempDirectory("cutover-metrics-mappings-");
        try (Stream<Path> files = Files.list(Path.of("..", "mappings"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".yaml"))::iterator) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        Map<String, Object> overrides = new HashMap<>(Sandbox.synthetic("2s"));
        // Budgets for a loaded 2-core machine: which route answers must depend on the faults
        // injected, not on the scheduler.
        overrides.put("synthetic.timeout", "2s");
        overrides.put("deadlines.click", "2s");
        overrides.put("deadlines.conversion", "2s");
        overrides.put("backends.primary.connect-timeout", "500ms");
        overrides.put("backends.primary.response-timeout", "1s");
        overrides.put("backends.legacy.connect-timeout", "500ms");
        overrides.put("backends.legacy.response-timeout", "1s");
        overrides.put("metrics.queue-poll-interval", "1s");
        overrides.put("mapping.files", List.of(mappings.toString()));
        overrides.put("directory.watch", false);
        sandbox = Sandbox.start(SandboxOptions.ephemeral(2), overrides);
        cutover = URI.create(sandbox.url());
        admin = URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort());
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void exportsEveryOperationsMetricWithSaneValuesDuringTraffic() throws Exception {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().sum("cutover_synthetic_runs_total", "result", "ok") >= 1);

        // Healthy: Awin answers.
        phase(30, 5, 5);
        // Awin down: legacy answers, the primary's breaker opens.
        sandbox.awin().fault(Fault.down());
        phase(30, 5, 0);
        // Both down: Cutover answers by itself and queues.
        sandbox.shareASale().fault(Fault.down());
        phase(10, 5, 0);
        // The depth is read from SQS every second, and a local answer may sit in the spool a moment
        // before it reaches SQS: wait for the queue to show it.
        AtomicReference<PrometheusScrape> waiting = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            waiting.set(scrape());
            return waiting.get().sum("cutover_retry_queue_messages", "queue", "retry") >= 1;
        });
        PrometheusScrape outage = waiting.get();
        // An unreadable message in the retry queue goes to the dead letters.
        sandbox.sqs()
                .client()
                .sendMessage(r -> r.queueUrl(sandbox.sqs().queueUrl()).messageBody("not an event"))
                .get(10, TimeUnit.SECONDS);
        // A refused reload (a broken mapping file) and a good one.
        Path broken = mappings.resolve("zz-broken.yaml");
        Files.writeString(broken, "endpoint: [\n", StandardCharsets.UTF_8);
        assertThat(http.send("POST", admin, "/admin/reload", "Authorization", "Bearer " + sandbox.adminToken())
                        .statusCode())
                .isEqualTo(409);
        Files.delete(broken);
        assertThat(http.send("POST", admin, "/admin/reload", "Authorization", "Bearer " + sandbox.adminToken())
                        .statusCode())
                .isEqualTo(200);
        // Back: the replayer drains the queue to Awin.
        sandbox.awin().fault(Fault.ok());
        sandbox.shareASale().fault(Fault.ok());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PrometheusScrape now = scrape();
            return now.sum("cutover_replay_events_total", "fate", "replayed") >= 15
                    && now.sum("cutover_replay_events_total", "fate", "dead") >= 1
                    && now.sum("cutover_retry_queue_messages", "queue", "dead_letter") >= 1;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> scrape().sum("cutover_synthetic_up") == 1.0);
        PrometheusScrape after = scrape();

        assertThat(duringTraffic).as("scrapes taken while the traffic ran").hasSizeGreaterThanOrEqualTo(4);
        for (PrometheusScrape during : duringTraffic) {
            assertThat(during.sum("cutover_requests_total")).isPositive();
        }

        // Requests by endpoint, route, fate and status.
        assertThat(after.sum(
                        "cutover_requests_total",
                        "endpoint",
                        "r.cfm",
                        "route",
                        "primary",
                        "fate",
                        "primary",
                        "status",
                        "302"))
                .isGreaterThanOrEqualTo(30);
        assertThat(after.sum("cutover_requests_total", "endpoint", "r.cfm", "route", "legacy", "fate", "legacy"))
                .isGreaterThanOrEqualTo(20);
        // Local answers end queued (SQS acknowledged) or spooled (SQS slower than queue.ack-timeout).
        assertThat(after.sum("cutover_requests_total", "endpoint", "r.cfm", "route", "local"))
                .isEqualTo(after.sum("cutover_requests_total", "endpoint", "r.cfm", "route", "local", "fate", "queued")
                        + after.sum("cutover_requests_total", "endpoint", "r.cfm", "route", "local", "fate", "spooled"))
                .isGreaterThanOrEqualTo(10);
        assertThat(after.sum("cutover_requests_total", "endpoint", "sale.cfm", "status", "200"))
                .isGreaterThanOrEqualTo(15);
        assertThat(after.sum("cutover_requests_total", "endpoint", "other", "fate", "untracked"))
                .isEqualTo(5);
        assertThat(after.sum("cutover_requests_total", "fate", "rejected", "status", "400"))
                .isEqualTo(3);

        // Latency per route, with p50/p95/p99 derivable and sane.
        for (String route : List.of("primary", "legacy", "local")) {
            double count = after.sum("cutover_route_duration_seconds_count", "endpoint", "r.cfm", "route", route);
            assertThat(count)
                    .as("latency samples of route %s", route)
                    .isEqualTo(after.sum("cutover_requests_total", "endpoint", "r.cfm", "route", route));
            double p50 = after.quantile(0.50, "cutover_route_duration_seconds", "endpoint", "r.cfm", "route", route);
            double p99 = after.quantile(0.99, "cutover_route_duration_seconds", "endpoint", "r.cfm", "route", route);
            assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
            assertThat(p99).as("p99 of %s within the click deadline", route).isLessThanOrEqualTo(2.0);
        }

        // Breaker state and transitions; bulkhead saturation.
        assertThat(outage.sum("cutover_breaker_state", "backend", "primary", "state", "open")
                        + outage.sum("cutover_breaker_state", "backend", "primary", "state", "half_open"))
                .as("the primary's breaker away from closed during the outage")
                .isEqualTo(1.0);
        assertThat(after.sum("cutover_breaker_state", "backend", "primary")).isEqualTo(1.0);
        assertThat(after.sum("cutover_breaker_transitions_total", "backend", "primary", "from", "closed", "to", "open"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("cutover_bulkhead_capacity", "backend", "primary")).isEqualTo(1024);
        assertThat(after.all("cutover_bulkhead_saturation", s -> true))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 1.0));

        // Queue depth and oldest age; spool size; replay rate; dead letters.
        assertThat(after.has("cutover_retry_queue_messages", "queue", "retry", "state", "visible"))
                .isTrue();
        assertThat(after.sum("cutover_retry_queue_oldest_age_seconds")).isBetween(0.0, 3600.0);
        assertThat(after.sum("cutover_retry_queue_last_poll_seconds"))
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 60);
        assertThat(outage.sum("cutover_retry_queue_messages", "queue", "retry"))
                .as("queued events waiting while both platforms were down")
                .isGreaterThanOrEqualTo(1);
        assertThat(after.has("cutover_spool_bytes")).isTrue();
        assertThat(after.sum("cutover_spool_max_bytes")).isEqualTo(64 * 1024 * 1024);
        assertThat(after.sum("cutover_replay_events_total", "fate", "replayed", "backend", "primary"))
                .isGreaterThanOrEqualTo(15);
        assertThat(after.sum("cutover_replay_events_total", "fate", "dead")).isGreaterThanOrEqualTo(1);

        // Mapping reloads and failures; directory size and cache hit rate.
        assertThat(after.sum("cutover_reloads_total", "trigger", "admin", "result", "refused"))
                .isEqualTo(1);
        assertThat(after.sum("cutover_reloads_total", "trigger", "admin", "result", "ok"))
                .isEqualTo(1);
        assertThat(after.sum("cutover_directory_entries", "kind", "merchant")).isPositive();
        double preloaded = after.sum("cutover_directory_lookups_total", "result", "preloaded");
        double all = after.sum("cutover_directory_lookups_total");
        assertThat(preloaded).isPositive();
        assertThat(preloaded / all).as("directory hit rate").isBetween(0.5, 1.0);

        // The synthetic click.
        assertThat(after.sum("cutover_synthetic_up")).isEqualTo(1.0);
        assertThat(after.sum("cutover_synthetic_runs_total", "result", "ok")).isGreaterThanOrEqualTo(2);
        assertThat(after.sum("cutover_synthetic_last_success_seconds"))
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 60);
        assertThat(after.sum("cutover_synthetic_runs_total", "result", "not_primary"))
                .as("the synthetic click failed while Awin was down")
                .isGreaterThanOrEqualTo(1);

        // The same result for the admin state and the dashboard.
        assertThat(sandbox.cutover().synthetic().toJson())
                .startsWith("{\"enabled\":true,\"ok\":true,\"lastAt\":")
                .contains("\"result\":\"ok\"");

        // What the alert rules and the Grafana dashboard name is what this instance exported.
        List<PrometheusScrape> scrapes = new ArrayList<>(duringTraffic);
        scrapes.add(outage);
        scrapes.add(after);
        OpsFiles.assertEveryReferenceIsExported(scrapes);
    }

    /** Clicks, sales and pass-throughs, scraped while they run on another thread. */
    private void phase(int clicks, int sales, int passThroughs) throws Exception {
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < clicks; i++) {
                    assertThat(http.get(cutover, CLICK).statusCode()).isEqualTo(302);
                }
                for (int i = 0; i < sales; i++) {
                    assertThat(http.get(cutover, SALE).statusCode()).isEqualTo(200);
                }
                for (int i = 0; i < passThroughs; i++) {
                    http.get(cutover, "/image/41388/banner.gif");
                }
                if (passThroughs > 0) {
                    for (int i = 0; i < 3; i++) {
                        assertThat(http.get(cutover, "/r.cfm?b=1&u=abc&m=41388").statusCode())
                                .isEqualTo(400);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        while (!traffic.isDone()) {
            duringTraffic.add(scrape());
            Thread.sleep(20);
        }
        traffic.get(60, TimeUnit.SECONDS);
    }

    private PrometheusScrape scrape() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.get(admin, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(new String(response.body(), StandardCharsets.UTF_8));
    }
}
