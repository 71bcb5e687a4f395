package io.cutover.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.common.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    @Test
    void contentTypeIsTextFormatVersion004() {
        assertThat(Telemetry.CONTENT_TYPE).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void scrapeRendersInstrumentsBuiltFromTheMeter() {
        try (Telemetry telemetry = Telemetry.create("cutover")) {
            telemetry.meter().counterBuilder("cutover.test.things").build().add(7);

            Scrape scrape = Scrape.of(telemetry);

            assertThat(scrape.text()).contains("# TYPE cutover_test_things_total counter");
            assertThat(scrape.value("cutover_test_things_total", Map.of())).contains(7.0);
        }
    }

    @Test
    void scrapeCarriesTheServiceNameInTargetInfoAndNoScopeLabels() {
        try (Telemetry telemetry = Telemetry.create("cutover-edge")) {
            telemetry.meter().counterBuilder("cutover.test.things").build().add(1);

            Scrape scrape = Scrape.of(telemetry);

            assertThat(scrape.named("target_info"))
                    .singleElement()
                    .satisfies(info -> assertThat(info.labels()).containsEntry("service_name", "cutover-edge"));
            assertThat(scrape.samples())
                    .allSatisfy(sample -> assertThat(sample.labels()).doesNotContainKey("otel_scope_name"));
        }
    }

    @Test
    void collectsOnTheInjectedClock() {
        AtomicInteger reads = new AtomicInteger();
        Clock clock = new Clock() {
            @Override
            public long now() {
                reads.incrementAndGet();
                return 1_700_000_000_000_000_000L;
            }

            @Override
            public long nanoTime() {
                reads.incrementAndGet();
                return 42;
            }
        };
        try (Telemetry telemetry = Telemetry.create("cutover", clock)) {
            telemetry.meter().counterBuilder("cutover.test.things").build().add(1);
            int before = reads.get();

            Scrape.of(telemetry);

            assertThat(reads.get()).isGreaterThan(before);
        }
    }

    @Test
    void scrapeIsEmptyAfterClose() {
        Telemetry telemetry = Telemetry.create("cutover");
        telemetry.meter().counterBuilder("cutover.test.things").build().add(1);

        telemetry.close();
        telemetry.close();

        assertThat(Scrape.of(telemetry).text()).isEmpty();
    }

    @Test
    void rejectsABlankServiceName() {
        assertThatThrownBy(() -> Telemetry.create(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serviceName: ' ' (expected: not blank)");
    }
}
