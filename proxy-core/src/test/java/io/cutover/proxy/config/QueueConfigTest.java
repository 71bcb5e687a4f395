package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code queue.*} and {@code spool.*} settings: the example's values, the defaults, the checks. */
class QueueConfigTest {

    @TempDir
    Path dir;

    private static final String MINIMAL = """
            backends:
              primary:
                url: https://www.awin1.com
            directory:
              file: sample
            """;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTheExamplesQueueAndSpool() throws IOException {
        Path copy = dir.resolve("cutover.yaml");
        Files.copy(Path.of("..", "config", "cutover.example.yaml"), copy);
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");

        CutoverConfig config = ConfigLoader.load(copy, Map.of());

        QueueSettings queue = config.queue();
        assertThat(queue.url()).contains(URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/cutover-retry"));
        assertThat(queue.region()).isEqualTo("eu-west-1");
        assertThat(queue.endpoint()).isEmpty();
        assertThat(queue.anonymous()).isFalse();
        assertThat(queue.maxBatch()).isEqualTo(10);
        assertThat(queue.linger()).isEqualTo(Duration.ofMillis(5));
        assertThat(queue.ackTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(queue.drainInterval()).isEqualTo(Duration.ofSeconds(1));
        SpoolSettings spool = config.spool();
        assertThat(spool.dir()).isEqualTo(dir.resolve("spool"));
        assertThat(spool.maxSize()).isEqualTo(256L * 1024 * 1024);
        assertThat(spool.segmentSize()).isEqualTo(4L * 1024 * 1024);
        assertThat(spool.maxBatch()).isEqualTo(256);
        assertThat(spool.warnPercent()).isEqualTo(80);
    }

    @Test
    void spoolsOnlyWhenNoQueueIsConfigured() throws IOException {
        CutoverConfig config = ConfigLoader.load(write(MINIMAL), Map.of());

        assertThat(config.queue().url()).isEmpty();
        assertThat(config.spool().dir()).isEqualTo(dir.resolve("spool"));
    }

    @Test
    void takesAnSqsCompatibleEndpointFromTheEnvironment() throws IOException {
        CutoverConfig config = ConfigLoader.load(
                write(MINIMAL),
                Map.of(
                        "CUTOVER_QUEUE_URL", "http://127.0.0.1:9324/000000000000/cutover-retry",
                        "CUTOVER_QUEUE_ENDPOINT", "http://127.0.0.1:9324",
                        "CUTOVER_QUEUE_CREDENTIALS", "anonymous",
                        "CUTOVER_SPOOL_MAX_SIZE", "2GiB"));

        assertThat(config.queue().endpoint()).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(config.queue().anonymous()).isTrue();
        assertThat(config.spool().maxSize()).isEqualTo(2L * 1024 * 1024 * 1024);
    }

    @Test
    void reportsEveryQueueAndSpoolProblem() throws IOException {
        Path file = write(MINIMAL + """
                queue:
                  url: ftp://sqs.example
                  region: Europe
                  credentials: static
                  max-batch: 11
                  ack-timeout: 500ms
                spool:
                  max-size: lots
                  segment-size: 2MiB
                  warn-at-percent: 0
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "queue.url: ftp://sqs.example (expected: an http(s) URL such as"
                                                + " https://sqs.eu-west-1.amazonaws.com/123456789012/cutover-retry)",
                                        "queue.region: Europe (expected: an AWS region such as eu-west-1)",
                                        "queue.credentials: static (expected: default or anonymous)",
                                        "queue.max-batch: 11 (expected: 1 to 10)",
                                        "queue.ack-timeout: 500ms (expected: at most half the shortest deadline, 400ms)",
                                        "spool.max-size: lots (expected: a size such as 64MiB or 1GiB)",
                                        "spool.warn-at-percent: 0 (expected: 1 to 100)"));
    }

    @Test
    void refusesASegmentLargerThanTheSpool() throws IOException {
        Path file = write(MINIMAL + """
                spool:
                  max-size: 2MiB
                  segment-size: 4MiB
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "spool.segment-size: 4194304 (expected: at most spool.max-size (2097152 bytes))"));
    }
}
