package io.cutover.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardMetricsTest {

    private final Telemetry telemetry = Telemetry.create("cutover");
    private final GuardMetrics metrics = new GuardMetrics(telemetry.meter(), List.of("closed", "open", "half_open"));

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void reportsTheCurrentStateAsOneAndTheOthersAsZero() {
        AtomicReference<String> state = new AtomicReference<>("closed");
        AtomicInteger inFlight = new AtomicInteger(3);
        metrics.watch("primary", state::get, inFlight::get);
        state.set("open");

        Scrape scrape = Scrape.of(telemetry);

        assertThat(scrape.value("cutover_breaker_state", Map.of("backend", "primary", "state", "open")))
                .contains(1.0);
        assertThat(scrape.value("cutover_breaker_state", Map.of("backend", "primary", "state", "closed")))
                .contains(0.0);
        assertThat(scrape.value("cutover_bulkhead_in_flight", Map.of("backend", "primary")))
                .contains(3.0);
    }

    @Test
    void countsTransitionsRefusalsAndRetries() {
        metrics.watch("primary", () -> "closed", () -> 0);
        metrics.transition("primary", "closed", "open");
        metrics.bulkheadFull("primary");
        metrics.bulkheadFull("primary");
        metrics.retried("primary");
        metrics.retryBudgetExhausted("primary");

        Scrape scrape = Scrape.of(telemetry);

        assertThat(scrape.value(
                        "cutover_breaker_transitions_total",
                        Map.of("backend", "primary", "from", "closed", "to", "open")))
                .contains(1.0);
        assertThat(scrape.value("cutover_bulkhead_rejected_total", Map.of("backend", "primary")))
                .contains(2.0);
        assertThat(scrape.value("cutover_retries_total", Map.of("backend", "primary", "result", "retried")))
                .contains(1.0);
        assertThat(scrape.value("cutover_retries_total", Map.of("backend", "primary", "result", "budget_exhausted")))
                .contains(1.0);
    }

    @Test
    void refusesABackendItDoesNotWatch() {
        assertThatThrownBy(() -> metrics.retried("other")).isInstanceOf(IllegalArgumentException.class);
    }
}
