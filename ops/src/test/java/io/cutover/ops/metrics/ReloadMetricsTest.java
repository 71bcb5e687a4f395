package io.cutover.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReloadMetricsTest {

    private Telemetry telemetry;
    private final AtomicLong affiliates = new AtomicLong(250_000);
    private ReloadMetrics metrics;

    @BeforeEach
    void setUp() {
        telemetry = Telemetry.create("cutover");
        metrics = new ReloadMetrics(telemetry.meter(), () -> 10_000, affiliates::get);
    }

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void countsReloadsByTriggerAndResult() {
        metrics.reloaded("watch", true);
        metrics.reloaded("watch", true);
        metrics.reloaded("admin", false);
        metrics.reloaded("refresh", true);

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value("cutover_reloads_total", Map.of("trigger", "watch", "result", "ok")))
                .contains(2.0);
        assertThat(scrape.value("cutover_reloads_total", Map.of("trigger", "admin", "result", "refused")))
                .contains(1.0);
        assertThat(scrape.value("cutover_reloads_total", Map.of("trigger", "refresh", "result", "ok")))
                .contains(1.0);
        assertThat(scrape.value("cutover_reloads_total", Map.of("trigger", "admin", "result", "ok")))
                .isEmpty();
    }

    @Test
    void reportsTheLastSwapAndTheServingDirectorysSize() {
        metrics.swapped(1_796_000_000L);
        affiliates.set(250_001);

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value("cutover_reload_last_swap_seconds", Map.of())).contains(1.796e9);
        assertThat(scrape.value("cutover_directory_entries", Map.of("kind", "merchant")))
                .contains(10_000.0);
        assertThat(scrape.value("cutover_directory_entries", Map.of("kind", "affiliate")))
                .contains(250_001.0);
    }

    @Test
    void reportsTheDirectorysSingleKeyLoads() {
        AtomicLong started = new AtomicLong(5);
        metrics.directoryLoads(telemetry.meter(), started::get, () -> 2, () -> 1);
        started.set(7);

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value("cutover_directory_loads_total", Map.of("result", "started")))
                .contains(7.0);
        assertThat(scrape.value("cutover_directory_loads_total", Map.of("result", "skipped")))
                .contains(2.0);
        assertThat(scrape.value("cutover_directory_loads_total", Map.of("result", "failed")))
                .contains(1.0);
    }

    @Test
    void refusesATriggerOutsideTheVocabulary() {
        assertThatThrownBy(() -> metrics.reloaded("cron", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger: cron (expected: one of [watch, admin, refresh])");
    }
}
