package io.cutover.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventMetricsTest {

    private static final long MS = 1_000_000L;

    private Telemetry telemetry;
    private EventMetrics metrics;

    @BeforeEach
    void setUp() {
        telemetry = Telemetry.create("cutover");
        metrics = new EventMetrics(telemetry.meter(), TagVocabulary.STANDARD);
    }

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void countsEventsByKindAndFate() {
        metrics.outcome("r.cfm", "primary").record(2 * MS);
        metrics.outcome("r.cfm", "primary").record(3 * MS);
        metrics.outcome("sale.cfm", "queued").record(40 * MS);

        Scrape scrape = Scrape.of(telemetry);

        assertThat(scrape.value("cutover_events_total", Map.of("kind", "r.cfm", "fate", "primary")))
                .contains(2.0);
        assertThat(scrape.value("cutover_events_total", Map.of("kind", "sale.cfm", "fate", "queued")))
                .contains(1.0);
        assertThat(scrape.named("cutover_events_total")).hasSize(2);
    }

    @Test
    void recordsRequestDurationInSecondsIntoTheProxyBuckets() {
        EventMetrics.Timed outcome = metrics.outcome("u.cfm", "legacy");
        outcome.record(300_000); // 0.3 ms
        outcome.record(3 * MS);
        outcome.record(30 * MS);
        outcome.record(3_000 * MS); // past the last bound

        Scrape scrape = Scrape.of(telemetry);
        Map<String, String> tags = Map.of("kind", "u.cfm", "fate", "legacy");
        Map<Double, Double> buckets = scrape.buckets("cutover_request_duration_seconds", tags);

        assertThat(buckets.keySet()).containsExactlyElementsOf(withInfinity(EventMetrics.DURATION_BUCKETS_SECONDS));
        assertThat(buckets)
                .containsEntry(0.0005, 1.0)
                .containsEntry(0.001, 1.0)
                .containsEntry(0.005, 2.0)
                .containsEntry(0.05, 3.0)
                .containsEntry(2.0, 3.0)
                .containsEntry(Double.POSITIVE_INFINITY, 4.0);
        assertThat(scrape.value("cutover_request_duration_seconds_count", tags)).contains(4.0);
        assertThat(scrape.value("cutover_request_duration_seconds_sum", tags).orElseThrow())
                .isCloseTo(3.0333, within(1e-9));
    }

    @Test
    void countsBackendAttemptsWithTheirDuration() {
        metrics.attempt("primary", "connect").record(MS);
        metrics.attempt("primary", "connect").record(MS);
        metrics.attempt("legacy", "ok").record(20 * MS);

        Scrape scrape = Scrape.of(telemetry);
        Map<String, String> failed = Map.of("backend", "primary", "outcome", "connect");
        Map<String, String> ok = Map.of("backend", "legacy", "outcome", "ok");

        assertThat(scrape.value("cutover_backend_attempts_total", failed)).contains(2.0);
        assertThat(scrape.value("cutover_backend_attempts_total", ok)).contains(1.0);
        assertThat(scrape.buckets("cutover_backend_duration_seconds", ok))
                .containsEntry(0.01, 0.0)
                .containsEntry(0.025, 1.0);
        assertThat(scrape.value("cutover_backend_duration_seconds_count", failed))
                .contains(2.0);
    }

    @Test
    void countsPassThroughByStatusClass() {
        metrics.passthrough(200).increment();
        metrics.passthrough(204).increment();
        metrics.passthrough(302).increment();
        metrics.passthrough(404).increment();
        metrics.passthrough(599).increment();
        metrics.passthrough(101).increment();
        metrics.passthrough(999).increment();

        Scrape scrape = Scrape.of(telemetry);

        assertThat(scrape.value("cutover_passthrough_total", Map.of("status_class", "2xx")))
                .contains(2.0);
        assertThat(scrape.value("cutover_passthrough_total", Map.of("status_class", "3xx")))
                .contains(1.0);
        assertThat(scrape.value("cutover_passthrough_total", Map.of("status_class", "4xx")))
                .contains(1.0);
        assertThat(scrape.value("cutover_passthrough_total", Map.of("status_class", "5xx")))
                .contains(1.0);
        assertThat(scrape.value("cutover_passthrough_total", Map.of("status_class", "other")))
                .contains(2.0);
    }

    @Test
    void countsRejectionsByReason() {
        metrics.rejected("uri_too_long").increment();
        metrics.rejected("uri_too_long").increment();
        metrics.rejected(TagVocabulary.STANDARD.rejectionReasons().indexOf("bad_method"))
                .increment();

        Scrape scrape = Scrape.of(telemetry);

        assertThat(scrape.value("cutover_rejected_total", Map.of("reason", "uri_too_long")))
                .contains(2.0);
        assertThat(scrape.value("cutover_rejected_total", Map.of("reason", "bad_method")))
                .contains(1.0);
    }

    @Test
    void looksUpTheSameHandleByNameAndByIndex() {
        TagVocabulary vocabulary = TagVocabulary.STANDARD;
        int kind = vocabulary.kinds().indexOf("m-pr.cfm");
        int fate = vocabulary.fates().indexOf("spooled");
        int backend = vocabulary.backends().indexOf("legacy");
        int outcome = vocabulary.attemptOutcomes().indexOf("read_timeout");

        assertThat(metrics.outcome(kind, fate)).isSameAs(metrics.outcome("m-pr.cfm", "spooled"));
        assertThat(metrics.attempt(backend, outcome)).isSameAs(metrics.attempt("legacy", "read_timeout"));
        assertThat(metrics.rejected(0))
                .isSameAs(metrics.rejected(vocabulary.rejectionReasons().get(0)));
    }

    @Test
    void rejectsTagValuesOutsideTheVocabularyAtLookup() {
        assertThatThrownBy(() -> metrics.outcome("x.cfm", "primary"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind: 'x.cfm' (expected: one of [r.cfm, u.cfm, m-pr.cfm, sale.cfm])");
        assertThatThrownBy(() -> metrics.outcome("r.cfm", "PRIMARY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fate: 'PRIMARY'");
        assertThatThrownBy(() -> metrics.outcome(null, "primary"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kind: 'null'");
        assertThatThrownBy(() -> metrics.attempt("awin", "ok"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("backend: 'awin'");
        assertThatThrownBy(() -> metrics.attempt("primary", "breaker_open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("outcome: 'breaker_open'");
        assertThatThrownBy(() -> metrics.rejected("teapot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("reason: 'teapot'");
    }

    @Test
    void rejectsIndicesOutsideTheVocabularyAtLookup() {
        assertThatThrownBy(() -> metrics.outcome(4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind: 4 (expected: 0..3)");
        assertThatThrownBy(() -> metrics.outcome(0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fate: -1 (expected: 0..5)");
        assertThatThrownBy(() -> metrics.attempt(0, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outcome: 9 (expected: 0..8)");
        assertThatThrownBy(() -> metrics.rejected(6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason: 6 (expected: 0..5)");
    }

    @Test
    void countsANegativeDurationAsZeroRatherThanLosingTheEvent() {
        metrics.outcome("r.cfm", "queued").record(-5);

        Scrape scrape = Scrape.of(telemetry);
        Map<String, String> tags = Map.of("kind", "r.cfm", "fate", "queued");

        assertThat(scrape.value("cutover_events_total", tags)).contains(1.0);
        assertThat(scrape.buckets("cutover_request_duration_seconds", tags)).containsEntry(0.0005, 1.0);
    }

    @Test
    void lookupsAllocateNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Object sink = null;
        for (int i = 0; i < 20_000; i++) {
            sink = lookUpAll(i);
        }
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            sink = lookUpAll(i);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;

        assertThat(sink).isNotNull();
        // A single boxed or concatenated key per look-up would be megabytes here; what remains is
        // the measurement's own noise.
        assertThat(allocated).isLessThan(64 * 1024);
    }

    private Object lookUpAll(int i) {
        Object a = metrics.outcome("sale.cfm", (i & 1) == 0 ? "queued" : "primary");
        Object b = metrics.attempt("legacy", "bad_status");
        Object c = metrics.outcome(i & 3, 2);
        Object d = metrics.passthrough(200 + (i & 255));
        Object e = metrics.rejected("too_large");
        return (i & 4) == 0 ? a : (i & 8) == 0 ? b : (i & 16) == 0 ? c : (i & 32) == 0 ? d : e;
    }

    @Test
    void countsExactlyUnderConcurrentRecording() throws Exception {
        int threads = 4;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    EventMetrics.Timed outcome = metrics.outcome("r.cfm", "primary");
                    for (int i = 0; i < perThread; i++) {
                        outcome.record(MS);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Scrape scrape = Scrape.of(telemetry);
        Map<String, String> tags = Map.of("kind", "r.cfm", "fate", "primary");

        assertThat(scrape.value("cutover_events_total", tags)).contains((double) threads * perThread);
        assertThat(scrape.value("cutover_request_duration_seconds_count", tags)).contains((double) threads * perThread);
    }

    private static List<Double> withInfinity(List<Double> bounds) {
        List<Double> all = new ArrayList<>(bounds);
        all.add(Double.POSITIVE_INFINITY);
        return all;
    }
}
