package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.failover.guard.BreakerSettings;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.failover.guard.RetrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard keys under {@code backends.<name>.}: breaker, bulkhead, retry. */
class GuardConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void theExampleConfigGuardsBothBackendsAsDocumented() throws IOException {
        Path copy = dir.resolve("cutover.yaml");
        Files.copy(Path.of("..", "config", "cutover.example.yaml"), copy);
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");

        CutoverConfig config = ConfigLoader.load(copy, Map.of());

        GuardSettings primary = config.guards().primary();
        assertThat(primary.breaker())
                .isEqualTo(new BreakerSettings(50, 100, Duration.ofMillis(300), 20, 10, Duration.ofSeconds(5), 3));
        assertThat(primary.maxInFlight()).isEqualTo(1024);
        assertThat(primary.retry())
                .isEqualTo(new RetrySettings(
                        1, Duration.ofMillis(20), Duration.ofMillis(100), 0.2, 5, Duration.ofSeconds(10)));
        assertThat(config.guards().legacy()).get().isEqualTo(primary);
    }

    @Test
    void defaultsTheSlowCallDurationToSixtyPercentOfTheResponseTimeout() throws IOException {
        CutoverConfig config = ConfigLoader.load(write("""
                        backends:
                          primary:
                            url: http://127.0.0.1:8081
                            response-timeout: 150ms
                        directory:
                          file: directory.yaml
                        """), Map.of());

        assertThat(config.guards().primary().breaker().slowCallDuration()).isEqualTo(Duration.ofMillis(90));
        assertThat(config.guards().legacy()).isEmpty();
    }

    @Test
    void takesEveryGuardKeyFromTheEnvironment() throws IOException {
        Map<String, String> env = Map.of(
                "CUTOVER_BACKENDS_PRIMARY_BREAKER_OPEN_FOR", "30s",
                "CUTOVER_BACKENDS_PRIMARY_BULKHEAD_MAX_IN_FLIGHT", "64",
                "CUTOVER_BACKENDS_PRIMARY_RETRY_BUDGET_RATIO", "0.05");

        CutoverConfig config = ConfigLoader.load(
                write("backends:\n  primary:\n    url: https://www.awin1.com\ndirectory:\n  file: directory.yaml\n"),
                env);

        assertThat(config.guards().primary().breaker().openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.guards().primary().maxInFlight()).isEqualTo(64);
        assertThat(config.guards().primary().retry().budgetRatio()).isEqualTo(0.05);
    }

    @Test
    void reportsEveryGuardProblemAsKeyValueExpected() throws IOException {
        Path file = write("""
                backends:
                  primary:
                    url: https://www.awin1.com
                    response-timeout: 200ms
                    breaker:
                      failure-rate-threshold: 0
                      slow-call-duration: 1s
                      window-size: 5
                      minimum-calls: 8
                      half-open-probes: many
                    bulkhead:
                      max-in-flight: 0
                    retry:
                      backoff: 50ms
                      max-backoff: 10ms
                      budget-ratio: 1.5
                      max-retry: 2
                directory:
                  file: directory.yaml
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "backends.primary.breaker.failure-rate-threshold: 0 (expected: 1 to 100)",
                                        "backends.primary.breaker.half-open-probes: many (expected: an integer from 1 to 1000)",
                                        "backends.primary.bulkhead.max-in-flight: 0 (expected: 1 to 1000000)",
                                        "backends.primary.retry.budget-ratio: 1.5 (expected: a number from 0.0 to 1.0)",
                                        "backends.primary.breaker.minimum-calls: 8 (expected: <= backends.primary.breaker.window-size, 5)",
                                        "backends.primary.breaker.slow-call-duration: 1s (expected: <= backends.primary.response-timeout, 200ms)",
                                        "backends.primary.retry.max-backoff: 10ms (expected: >= backends.primary.retry.backoff, 50ms)",
                                        "backends.primary.retry.max-retry: unknown setting (expected: one of max-retries, backoff, max-backoff, budget-ratio, min-per-second, budget-window)"));
    }
}
