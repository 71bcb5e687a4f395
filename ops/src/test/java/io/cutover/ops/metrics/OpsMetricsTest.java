package io.cutover.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The small metric classes of the operations view, read back through a Prometheus scrape. */
class OpsMetricsTest {

    private final Telemetry telemetry = Telemetry.create("cutover");

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void countsRequestsByEndpointRouteFateAndStatusWithLatencyPerRoute() {
        RequestMetrics metrics =
                new RequestMetrics(telemetry.meter(), List.of("r.cfm", "other"), List.of("primary", "queued"));
        metrics.answered(0, 0, 0, 302, 2_000_000);
        metrics.answered(0, 0, 0, 302, 4_000_000);
        metrics.answered(0, 2, 1, 302, 50_000_000);
        metrics.answered(1, 2, metrics.untracked(), 502, 1_000_000);

        Scrape scrape = Scrape.of(telemetry);

        assertThat(scrape.value(
                        "cutover_requests_total",
                        Map.of("endpoint", "r.cfm", "route", "primary", "fate", "primary", "status", "302")))
                .contains(2.0);
        assertThat(scrape.value(
                        "cutover_requests_total",
                        Map.of("endpoint", "other", "route", "local", "fate", "untracked", "status", "502")))
                .contains(1.0);
        assertThat(scrape.value(
                        "cutover_route_duration_seconds_count", Map.of("endpoint", "r.cfm", "route", "primary")))
                .contains(2.0);
        assertThat(scrape.value("cutover_route_duration_seconds_sum", Map.of("endpoint", "r.cfm", "route", "local")))
                .hasValueSatisfying(sum -> assertThat(sum).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void keepsOddStatusCodesToTheirClassSoTheSeriesStayBounded() {
        assertThat(RequestMetrics.statusTag(302)).isEqualTo("302");
        assertThat(RequestMetrics.statusTag(418)).isEqualTo("4xx");
        assertThat(RequestMetrics.statusTag(599)).isEqualTo("5xx");
        assertThat(RequestMetrics.statusTag(103)).isEqualTo("1xx");
        assertThat(RequestMetrics.statusTag(0)).isEqualTo("other");
        assertThat(RequestMetrics.statusTag(1000)).isEqualTo("other");

        RequestMetrics metrics = new RequestMetrics(telemetry.meter(), List.of("r.cfm"), List.of("legacy"));
        metrics.answered(0, 1, 0, 418, 1);
        metrics.answered(0, 1, 0, 299, 1);
        metrics.answered(0, 1, 0, -7, 1);
        metrics.answered(0, 1, 0, 70_000, 1);

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value(
                        "cutover_requests_total",
                        Map.of("endpoint", "r.cfm", "route", "legacy", "fate", "legacy", "status", "4xx")))
                .contains(1.0);
        assertThat(scrape.value(
                        "cutover_requests_total",
                        Map.of("endpoint", "r.cfm", "route", "legacy", "fate", "legacy", "status", "2xx")))
                .contains(1.0);
        assertThat(scrape.value(
                        "cutover_requests_total",
                        Map.of("endpoint", "r.cfm", "route", "legacy", "fate", "legacy", "status", "other")))
                .contains(2.0);
    }

    @Test
    void reportsBulkheadSaturationAsAShareOfItsCapacity() {
        BulkheadMetrics metrics = new BulkheadMetrics(telemetry.meter());
        AtomicInteger inFlight = new AtomicInteger(256);
        metrics.watch("primary", 1024, inFlight::get);

        assertThat(Scrape.of(telemetry).value("cutover_bulkhead_saturation", Map.of("backend", "primary")))
                .contains(0.25);
        inFlight.set(2000);
        assertThat(Scrape.of(telemetry).value("cutover_bulkhead_saturation", Map.of("backend", "primary")))
                .contains(1.0);
        assertThat(Scrape.of(telemetry).value("cutover_bulkhead_capacity", Map.of("backend", "primary")))
                .contains(1024.0);
        assertThatThrownBy(() -> metrics.watch("legacy", 0, inFlight::get)).hasMessage("capacity: 0 (expected: > 0)");
    }

    @Test
    void reportsBothQueuesByStateTheOldestAgeAndPollFailuresFromTheStart() {
        QueueDepthMetrics metrics = new QueueDepthMetrics(telemetry.meter());

        assertThat(Scrape.of(telemetry).value("cutover_retry_queue_poll_failures_total", Map.of()))
                .contains(0.0);
        metrics.retryQueue(7, 2, 1);
        metrics.deadLetters(3, 0, 0);
        metrics.oldestAge(90_500);
        metrics.polled(1_764_576_000L);
        metrics.pollFailed();

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value("cutover_retry_queue_messages", Map.of("queue", "retry", "state", "visible")))
                .contains(7.0);
        assertThat(scrape.value("cutover_retry_queue_messages", Map.of("queue", "retry", "state", "in_flight")))
                .contains(2.0);
        assertThat(scrape.value("cutover_retry_queue_messages", Map.of("queue", "dead_letter", "state", "visible")))
                .contains(3.0);
        assertThat(scrape.value("cutover_retry_queue_oldest_age_seconds", Map.of()))
                .contains(90.5);
        assertThat(scrape.value("cutover_retry_queue_last_poll_seconds", Map.of()))
                .contains(1.764576e9);
        assertThat(scrape.value("cutover_retry_queue_poll_failures_total", Map.of()))
                .contains(1.0);
        assertThat(metrics.retryDepth()).isEqualTo(10);
        assertThat(metrics.deadLetterDepth()).isEqualTo(3);
    }

    @Test
    void countsDirectoryLookupsByHowTheyWereAnswered() {
        AtomicLong preloaded = new AtomicLong(90);
        new DirectoryCacheMetrics(telemetry.meter(), preloaded::get, () -> 6, () -> 4);

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value("cutover_directory_lookups_total", Map.of("result", "preloaded")))
                .contains(90.0);
        assertThat(scrape.value("cutover_directory_lookups_total", Map.of("result", "cached")))
                .contains(6.0);
        assertThat(scrape.value("cutover_directory_lookups_total", Map.of("result", "missed")))
                .contains(4.0);
    }

    @Test
    void reportsTheSyntheticClickOnlyOnceItRanAndKeepsTheLastSuccess() {
        SyntheticMetrics metrics = new SyntheticMetrics(telemetry.meter());
        assertThat(Scrape.of(telemetry).value("cutover_synthetic_up", Map.of())).isEmpty();

        metrics.ran("ok", 20_000_000, 1000);
        metrics.ran("bad_landing", 20_000_000, 1060);

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value("cutover_synthetic_up", Map.of())).contains(0.0);
        assertThat(scrape.value("cutover_synthetic_last_success_seconds", Map.of()))
                .contains(1000.0);
        assertThat(scrape.value("cutover_synthetic_runs_total", Map.of("result", "ok")))
                .contains(1.0);
        assertThat(scrape.value("cutover_synthetic_runs_total", Map.of("result", "bad_landing")))
                .contains(1.0);
        assertThatThrownBy(() -> metrics.ran("maybe", 1, 1))
                .hasMessageStartingWith("result: maybe (expected: one of [ok,");
    }
}
