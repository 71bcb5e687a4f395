package io.cutover.loadtest.bench;

import io.cutover.failover.guard.BreakerState;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Clicks during a primary outage once its breaker is open: how long a shopper waits when Awin is
 * down, with ShareASale up (the click lands through legacy) and with both down (Cutover answers by
 * itself). The sandbox runs in this process, on loopback ports picked free.
 *
 * <p>The load is an open model: each connection sends on a fixed schedule ({@code rate} over all
 * connections) and a click's time runs from when it was due, not from when it was sent, so a
 * stall shows in the percentiles instead of hiding in a slower send rate (coordinated omission).
 * Bounded: {@code clicks} per scenario, and a stop at twice their scheduled duration plus 30 s.
 */
public final class OutageBenchmark {

    /** The mapped must-show click (the sample directory's merchant 41388). */
    static final String CLICK = "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    private static final Pattern EVENTS =
            Pattern.compile("(?m)^cutover_events_total\\{fate=\"([a-z]+)\",kind=\"r\\.cfm\"\\} (\\S+)$");
    private static final Pattern PRIMARY_ATTEMPTS = Pattern.compile(
            "(?m)^cutover_backend_attempts_total\\{backend=\"primary\",outcome=\"([a-z_]+)\"\\} (\\S+)$");

    /** What to run. */
    public record Options(int clicks, int rate, int connections, int eventLoops, int warmUp) {
        public Options {
            if (clicks < 1 || rate < 1 || connections < 1 || eventLoops < 1 || warmUp < 0) {
                throw new IllegalArgumentException("clicks, rate, connections, event-loops: >= 1; warm-up: >= 0");
            }
        }
    }

    /** One scenario's figures: latencies in nanoseconds from when each click was due. */
    public record Result(
            String scenario,
            Histogram latency,
            long errors,
            Map<String, Long> fates,
            Map<String, Long> primaryAttempts,
            BreakerState breaker) {

        double millis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private OutageBenchmark() {}

    /** The same as {@code cutover bench-outage ARGS}. */
    public static void main(String[] args) throws Exception {
        System.exit(new OutageBenchmarkCommand().run(List.of(args), System.out, System.err));
    }

    /**
     * Runs the scenarios, each on a sandbox of its own: first the peer measured in the same run, a
     * healthy primary under the same load, then the outage with legacy up, then with both down.
     */
    public static List<Result> run(Options options) throws Exception {
        List<Result> results = new ArrayList<>();
        results.add(scenario("healthy primary (peer)", false, false, options));
        results.add(scenario("primary down, legacy up", true, false, options));
        results.add(scenario("primary and legacy down", true, true, options));
        return results;
    }

    private static Result scenario(String name, boolean primaryDown, boolean legacyDown, Options options)
            throws Exception {
        // The production open period: probes every 5 s are part of what a shopper meets.
        try (Sandbox sandbox = Sandbox.start(
                SandboxOptions.ephemeral(options.eventLoops()), Map.of("backends.primary.breaker.open-for", "5s"))) {
            InetSocketAddress address =
                    new InetSocketAddress("127.0.0.1", sandbox.cutover().port());
            // A cold JVM answers its first clicks slowly; they must not open the breakers of the
            // healthy run, nor count in any run: one connection, one click at a time, first.
            try (KeepAliveClient client = new KeepAliveClient(address, 5000)) {
                for (int i = 0; i < 1000; i++) {
                    client.get(CLICK);
                }
            }
            sandbox.cutover().guard("primary").reset();
            sandbox.cutover().guard("legacy").reset();
            if (primaryDown) {
                sandbox.awin().fault(Fault.down());
                if (legacyDown) {
                    sandbox.shareASale().fault(Fault.down());
                }
                openPrimaryBreaker(sandbox, address);
            }
            load(address, options.warmUp(), options);
            String admin = "http://127.0.0.1:" + sandbox.cutover().adminPort() + "/metrics";
            String before = scrape(admin);
            Load measured = load(address, options.clicks(), options);
            String after = scrape(admin);
            return new Result(
                    name,
                    measured.latency,
                    measured.errors.get(),
                    delta(EVENTS, before, after),
                    delta(PRIMARY_ATTEMPTS, before, after),
                    sandbox.cutover().guard("primary").state());
        }
    }

    private static void openPrimaryBreaker(Sandbox sandbox, InetSocketAddress address) throws IOException {
        try (KeepAliveClient client = new KeepAliveClient(address, 5000)) {
            for (int i = 0; i < 200 && sandbox.cutover().guard("primary").state() != BreakerState.OPEN; i++) {
                client.get(CLICK);
            }
        }
        if (sandbox.cutover().guard("primary").state() != BreakerState.OPEN) {
            throw new IllegalStateException("the primary's breaker did not open after 200 clicks");
        }
    }

    private record Load(Histogram latency, AtomicLong errors) {}

    private static Load load(InetSocketAddress address, int clicks, Options options) throws Exception {
        Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong errors = new AtomicLong();
        if (clicks == 0) {
            return new Load(total, errors);
        }
        int connections = Math.min(options.connections(), clicks);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * connections / options.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long stopAt =
                start + 2 * intervalNanos * ((clicks + connections - 1) / connections) + TimeUnit.SECONDS.toNanos(30);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Histogram>> parts = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int share = clicks / connections + (c < clicks % connections ? 1 : 0);
            // Connections start evenly spread over one interval, not all at once.
            long first = start + intervalNanos * c / connections;
            parts.add(pool.submit(() -> connection(address, share, first, intervalNanos, stopAt, errors)));
        }
        for (Future<Histogram> part : parts) {
            total.add(part.get());
        }
        pool.shutdown();
        return new Load(total, errors);
    }

    private static Histogram connection(
            InetSocketAddress address, int clicks, long first, long intervalNanos, long stopAt, AtomicLong errors)
            throws InterruptedException {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        try (KeepAliveClient client = new KeepAliveClient(address, 5000)) {
            for (int i = 0; i < clicks; i++) {
                long due = first + i * intervalNanos;
                long now;
                while ((now = System.nanoTime()) < due) {
                    // Parked, not spinning: on a small machine a spinning client steals the server's CPU.
                    LockSupport.parkNanos(due - now);
                }
                if (now > stopAt) {
                    errors.addAndGet(clicks - i);
                    break;
                }
                try {
                    int status = client.get(CLICK);
                    if (status != 302) {
                        errors.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    client.disconnect();
                }
                latency.recordValue(Math.min(System.nanoTime() - due, latency.getHighestTrackableValue()));
            }
        }
        return latency;
    }

    private static String scrape(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static Map<String, Long> delta(Pattern series, String before, String after) {
        Map<String, Long> out = new TreeMap<>();
        Matcher m = series.matcher(after);
        while (m.find()) {
            out.put(m.group(1), (long) Double.parseDouble(m.group(2)));
        }
        m = series.matcher(before);
        while (m.find()) {
            out.merge(m.group(1), -(long) Double.parseDouble(m.group(2)), Long::sum);
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** The figures as a table, one scenario a line. */
    public static void report(List<Result> results, Options options, PrintStream out) {
        out.printf(
                "clicks during a primary outage, breaker open: %d clicks a scenario at %d/s over %d connections,"
                        + " %d event loops (after %d warm-up clicks)%n",
                options.clicks(), options.rate(), options.connections(), options.eventLoops(), options.warmUp());
        out.printf(
                "%-26s %8s %8s %8s %8s  %s%n",
                "scenario", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "fates / primary attempts / errors");
        for (Result r : results) {
            out.printf(
                    "%-26s %8.2f %8.2f %8.2f %8.2f  fates %s; primary %s; breaker %s; errors %d%n",
                    r.scenario(),
                    r.millis(50),
                    r.millis(99),
                    r.millis(99.9),
                    r.latency().getMaxValue() / 1e6,
                    r.fates(),
                    r.primaryAttempts(),
                    r.breaker().tag(),
                    r.errors());
        }
    }
}
