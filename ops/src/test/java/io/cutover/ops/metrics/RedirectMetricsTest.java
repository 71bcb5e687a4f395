package io.cutover.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedirectMetricsTest {

    private Telemetry telemetry;
    private RedirectMetrics metrics;

    @BeforeEach
    void setUp() {
        telemetry = Telemetry.create("cutover");
        metrics = new RedirectMetrics(
                telemetry.meter(), List.of("primary", "legacy", "local"), List.of("userinfo", "domain-not-allowed"));
    }

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void countsReplacedRedirectsBySourceAndReason() {
        metrics.replaced(1, 1);
        metrics.replaced(1, 1);
        metrics.replaced(0, 0);

        Scrape scrape = Scrape.of(telemetry);
        assertThat(scrape.value(
                        "cutover_redirects_replaced_total", Map.of("source", "legacy", "reason", "domain-not-allowed")))
                .contains(2.0);
        assertThat(scrape.value("cutover_redirects_replaced_total", Map.of("source", "primary", "reason", "userinfo")))
                .contains(1.0);
        assertThat(scrape.value("cutover_redirects_replaced_total", Map.of("source", "local", "reason", "userinfo")))
                .isEmpty();
    }
}
