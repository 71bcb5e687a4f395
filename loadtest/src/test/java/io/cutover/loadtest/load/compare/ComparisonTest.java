package io.cutover.loadtest.load.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cutover.loadtest.load.RequestCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    @Test
    void measuresTheBackendNginxTheRelaysAndCutoverSideBySide(@TempDir Path reports) throws Exception {
        assumeTrue(Comparison.nginx() != null, "nginx is not installed (apt-get install nginx)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Comparison.Options options = new Comparison.Options(
                0,
                1,
                8,
                Duration.ofSeconds(1),
                1,
                Duration.ofSeconds(1),
                RequestCorpus.standard(),
                true,
                List.of("-Xmx256m"),
                reports,
                false);

        Comparison.Outcome outcome = new Comparison(
                        options,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run();

        assertThat(outcome.closed())
                .extracting(Comparison.Figures::target)
                .containsExactly("direct", "nginx", "relay-bytes", "relay-http", "cutover");
        for (Comparison.Figures figures : outcome.closed()) {
            assertThat(figures.requestsPerSecond()).as(figures.target()).isPositive();
            assertThat(figures.failed()).as(figures.target()).isZero();
            assertThat(figures.p99()).as(figures.target()).isGreaterThanOrEqualTo(figures.p50());
        }
        assertThat(outcome.closed("cutover").cpuMicros()).isPositive();
        assertThat(outcome.open()).hasSize(5);
        assertThat(outcome.openRate()).isPositive();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .contains(
                        "| backend directly |",
                        "| nginx, access log buffered |",
                        "| Netty relay, bytes only |",
                        "| Netty relay, HTTP/1.1 codec |",
                        "| Cutover, access log to a file |")
                .contains(
                        "Cutover/nginx: req/s",
                        "Cutover/direct: req/s",
                        "Netty HTTP relay/nginx: req/s",
                        "Cutover above the Netty HTTP relay:",
                        "p99 added to direct",
                        "open model at ",
                        "× 1 rounds (medians):");
        assertThat(outcome.report()).exists();
        String html = Files.readString(outcome.report());
        assertThat(html).contains("<svg", "Cutover side by side").doesNotContain("<script", "src=", "href=", "<link");
        assertThat(Files.readString(Path.of(outcome.report().toString().replace(".html", ".json"))))
                .contains("\"closed\"", "\"requestsPerSecond\"", "\"slots\"");
        // Every process it started is gone, and so is its temporary folder.
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("files in");
    }
}
