package io.cutover.loadtest.load.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cutover.loadtest.load.RequestCorpus;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    @Test
    void bothProxiesKeepIdleBackendConnectionsAliveAlikeAndCloseThemBeforeTheBackendDoes(@TempDir Path dir)
            throws Exception {
        String nginx = NginxConfig.proxy(dir, 8081, 8082, 1, null);
        Matcher upstream = Pattern.compile("upstream backend \\{[^}]*keepalive_timeout (\\d+)s;")
                .matcher(nginx);
        assertThat(upstream.find()).as(nginx).isTrue();
        Duration nginxIdle = Duration.ofSeconds(Long.parseLong(upstream.group(1)));

        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, Comparison.cutoverConfig(dir, 8083, 8084, 8082, 1, "60s"));
        CutoverConfig cutover = ConfigLoader.load(file);
        assertThat(cutover.primary().idleTimeout()).isEqualTo(nginxIdle);
        assertThat(cutover.legacy().orElseThrow().idleTimeout()).isEqualTo(nginxIdle);

        Matcher backend = Pattern.compile("keepalive_timeout (\\d+)s;").matcher(NginxConfig.backend(dir, 8082, null));
        assertThat(backend.find()).isTrue();
        assertThat(Duration.ofSeconds(Long.parseLong(backend.group(1)))).isGreaterThan(nginxIdle);
    }

    @Test
    void namesCutoversOwnWorkAboveTheHttpRelayOnlyWhereTheRelayIsItsFloor() {
        List<Comparison.Figures> closed = List.of(
                new Comparison.Figures("direct", 60_000, 0.6, 1.2, 2.8, 3.0, 14.0, 10.9, 61.0, 0),
                new Comparison.Figures("nginx", 25_000, 1.9, 3.7, 6.4, 5.1, 38.4, 29.2, 99.6, 0),
                new Comparison.Figures("relay-bytes", 28_000, 1.4, 3.4, 6.9, 4.6, 27.8, 25.1, 84.2, 0),
                new Comparison.Figures("relay-http", 25_600, 1.9, 4.7, 7.1, 6.0, 38.1, 27.0, 97.5, 0),
                new Comparison.Figures("cutover", 14_800, 3.2, 6.6, 10.9, 9.8, 69.7, 27.9, 100.0, 0));
        List<Comparison.Figures> open = List.of(
                new Comparison.Figures("direct", 7_400, 0.3, 1.5, 3.1, 3.0, 15.1, 11.3, 12.0, 0),
                new Comparison.Figures("nginx", 7_400, 0.4, 1.3, 2.9, 2.4, 63.3, 45.0, 46.0, 0),
                new Comparison.Figures("relay-bytes", 7_400, 0.3, 1.4, 3.0, 2.9, 40.2, 33.0, 30.4, 0),
                new Comparison.Figures("relay-http", 7_400, 0.4, 2.1, 4.4, 3.8, 60.8, 41.2, 44.6, 0),
                new Comparison.Figures("cutover", 7_400, 0.5, 6.5, 21.2, 34.9, 104.0, 44.1, 71.4, 0));
        Comparison.Outcome outcome = new Comparison.Outcome(closed, open, 7_400, null);

        String keepAlive = new Comparison(options(0), System.out, System.err).table(outcome);
        assertThat(keepAlive)
                .contains("50 requests in flight, keep-alive, 10 s × 3 rounds")
                .contains(
                        "| Cutover, access log to a file | 14,800 | 0.59 | 3.200 | 6.600 | 10.900 | 69.7 | 27.9 | 100 | 0 |")
                .contains("Cutover/nginx: req/s 0.59, p99 1.78, CPU per request 1.82 (in user space 4.54, in the kernel"
                        + " 0.96).")
                .contains("Cutover above the Netty HTTP relay: 31.6 µs of CPU per request (its own work).")
                .contains("To match nginx's CPU per request on Netty's transport: 10.6 µs above the bytes relay,")
                .contains("open model at 7,400/s (half Cutover's most)")
                .contains("| p99.9 ms | worst 1 s p99 ms | p99 added to direct ms |")
                .contains(
                        "| nginx, access log buffered | 0.400 | 1.300 | 2.900 | 2.400 | -0.200 | 63.3 | 45.0 | 46 | 0 |")
                .contains(
                        "| Cutover, access log to a file | 0.500 | 6.500 | 21.200 | 34.900 | 5.000 | 104.0 | 44.1 | 71 | 0 |");

        String fresh = new Comparison(options(100), System.out, System.err).table(outcome);
        assertThat(fresh)
                .contains("50 requests in flight, 100 % of requests on a connection of their own, 10 s × 3 rounds")
                .contains("The relays connect to the backend for each client connection")
                .doesNotContain("its own work")
                .doesNotContain("To match nginx's CPU per request");
    }

    @Test
    void saysWhenTheTransportAloneCostsMoreThanNginx() {
        Comparison.Figures nginx = new Comparison.Figures("nginx", 25_000, 1.9, 3.7, 6.4, 5.1, 38.4, 29.2, 99.6, 0);
        Comparison.Figures costlier =
                new Comparison.Figures("relay-bytes", 24_000, 1.4, 3.4, 6.9, 4.6, 40.1, 31.0, 84.2, 0);
        assertThat(Comparison.roomAboveTransport(nginx, costlier))
                .isEqualTo("To match nginx's CPU per request on Netty's transport: no room (the bytes relay alone"
                        + " costs 1.7 µs more)." + System.lineSeparator());
    }

    private static Comparison.Options options(int newConnectionPercent) {
        return new Comparison.Options(
                0,
                1,
                50,
                Duration.ofSeconds(10),
                3,
                Duration.ZERO,
                RequestCorpus.standard(),
                newConnectionPercent,
                true,
                List.of(),
                Path.of("reports"),
                false,
                false);
    }

    @Test
    void refusesANewConnectionShareOutsideNoneToAll() {
        assertThatThrownBy(() -> new Comparison.Options(
                        0,
                        1,
                        8,
                        Duration.ofSeconds(1),
                        1,
                        Duration.ZERO,
                        RequestCorpus.standard(),
                        101,
                        true,
                        List.of(),
                        Path.of("reports"),
                        false,
                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("new-connection-percent: 101 (expected: 0 to 100)");
    }

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
                20,
                true,
                List.of("-Xmx256m"),
                reports,
                false,
                true);

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
            // Every target reads and writes sockets: some of its time is the kernel's, not all.
            assertThat(figures.kernelMicros()).as(figures.target()).isPositive().isLessThan(figures.cpuMicros());
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
                        "The relays connect to the backend for each client connection",
                        "p99 added to direct",
                        "open model at ",
                        "× 1 rounds (medians):",
                        "20 % of requests on a connection of their own");
        // --profile: Cutover's closed rounds profiled, summed up under the tables, kept beside the report.
        assertThat(table)
                .contains("CPU profile of Cutover over the closed rounds")
                .contains("| hottest frames (self) | share of samples |")
                .contains("| Cutover's own code by package (inclusive) | share of samples |");
        String base = outcome.report().toString().replace(".html", "");
        assertThat(Files.readString(Path.of(base + "-cutover-flame.html"))).contains("<html");
        CpuProfile.Summary summary = CpuProfile.summarize(Path.of(base + "-cutover.collapsed"), 5);
        assertThat(summary.samples()).isPositive();
        assertThat(summary.ownPackages())
                .extracting(CpuProfile.Share::name)
                .anyMatch(name -> name.startsWith("io.cutover.proxy."));
        assertThat(outcome.report()).exists();
        String html = Files.readString(outcome.report());
        assertThat(html).contains("<svg", "Cutover side by side").doesNotContain("<script", "src=", "href=", "<link");
        assertThat(Files.readString(Path.of(outcome.report().toString().replace(".html", ".json"))))
                .contains("\"closed\"", "\"requestsPerSecond\"", "\"kernelMicros\"", "\"slots\"");
        // Every process it started is gone, and so is its temporary folder.
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("files in");
    }
}
