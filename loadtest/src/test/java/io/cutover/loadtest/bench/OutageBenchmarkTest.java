package io.cutover.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.guard.BreakerState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's bookkeeping, on a few clicks: every click is answered and ends in the fate its
 * scenario means. What it measures is reported, never asserted.
 */
class OutageBenchmarkTest {

    @Test
    void endsEveryClickOfEachScenarioInItsFate() throws Exception {
        OutageBenchmark.Options options = new OutageBenchmark.Options(120, 300, 3, 1, 0);

        List<OutageBenchmark.Result> results = OutageBenchmark.run(options);

        assertThat(results)
                .extracting(OutageBenchmark.Result::scenario)
                .containsExactly("healthy primary (peer)", "primary down, legacy up", "primary and legacy down");
        // A loaded machine may time a backend out now and then: the fates are checked by what they
        // must and must not hold, and by their sum.
        assertThat(results.get(0).fates()).containsKey("primary");
        assertThat(results.get(1).fates()).containsKey("legacy").doesNotContainKey("primary");
        assertThat(results.get(2).fates()).containsExactly(java.util.Map.entry("local", 120L));
        assertThat(results.get(1).breaker()).isEqualTo(BreakerState.OPEN);
        assertThat(results.get(1).primaryAttempts()).containsKey("breaker_open");
        for (OutageBenchmark.Result result : results) {
            assertThat(result.errors()).as(result.scenario()).isZero();
            assertThat(result.fates().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .as("every click has one fate")
                    .isEqualTo(120);
            assertThat(result.latency().getTotalCount()).as(result.scenario()).isEqualTo(120);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutageBenchmark.report(results, options, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("p99 ms").contains("primary down, legacy up");
    }
}
