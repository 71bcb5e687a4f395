package io.cutover.loadtest.load.compare;

import io.cutover.loadtest.load.ConnectionMix;
import io.cutover.loadtest.load.LoadGenerator;
import io.cutover.loadtest.load.LoadHooks;
import io.cutover.loadtest.load.LoadModel;
import io.cutover.loadtest.load.LoadPlan;
import io.cutover.loadtest.load.LoadReport;
import io.cutover.loadtest.load.LoadResult;
import io.cutover.loadtest.load.RequestMix;
import io.cutover.loadtest.sandbox.ServeProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The same request mix against the backend directly, nginx in front of it and Cutover in front of
 * it, in one run on this machine: each target in its own processes, measured in turn, round after
 * round (interleaved, so a drift of the machine touches all alike), medians reported.
 *
 * <p>Two floors of Cutover's own stack are measured with them ({@link NettyRelay}): a relay that
 * copies bytes, and one that relays through Netty's HTTP/1.1 codec. What Cutover costs above the
 * HTTP relay is its own work; what the HTTP relay costs above nginx is the stack's.
 */
public final class Comparison {

    /** What to run. */
    public record Options(
            int basePort,
            int workers,
            int concurrency,
            Duration duration,
            int rounds,
            Duration warmUp,
            RequestMix mix,
            int newConnectionPercent,
            boolean openPhase,
            List<String> jvmOptions,
            Path reportDir,
            boolean keep,
            boolean profile) {

        public Options {
            if (workers < 1 || workers > 64) {
                throw new IllegalArgumentException("workers: " + workers + " (expected: 1 to 64)");
            }
            if (rounds < 1 || rounds > 20) {
                throw new IllegalArgumentException("rounds: " + rounds + " (expected: 1 to 20)");
            }
            if (newConnectionPercent < 0 || newConnectionPercent > 100) {
                throw new IllegalArgumentException(
                        "new-connection-percent: " + newConnectionPercent + " (expected: 0 to 100)");
            }
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    /**
     * One target's figures: medians over the rounds. {@code worstSecondP99} is the p99 of the
     * round's worst second; {@code kernelMicros} the part of {@code cpuMicros} spent in the kernel
     * (system calls and the network stack), the rest being the target's own code; {@code
     * busiestThreadPercent} the share of the round its busiest thread was on a CPU: an event loop,
     * or an nginx worker.
     */
    public record Figures(
            String target,
            double requestsPerSecond,
            double p50,
            double p99,
            double p999,
            double worstSecondP99,
            double cpuMicros,
            double kernelMicros,
            double busiestThreadPercent,
            long failed) {}

    /** The comparison's outcome: closed-model figures, and the open-model ones at half Cutover's most. */
    public record Outcome(List<Figures> closed, List<Figures> open, int openRate, Path report) {

        public Figures closed(String target) {
            return closed.stream()
                    .filter(f -> f.target().equals(target))
                    .findFirst()
                    .orElseThrow();
        }
    }

    static final String DIRECT = "direct";
    static final String NGINX = "nginx";
    static final String CUTOVER = "cutover";
    static final String RELAY_BYTES = "relay-bytes";
    static final String RELAY_HTTP = "relay-http";

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;

    public Comparison(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Where nginx is, or {@code null}. */
    public static Path nginx() {
        for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/sbin")) {
            Path candidate = Path.of(dir, "nginx");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public Outcome run() throws Exception {
        Path nginx = nginx();
        if (nginx == null) {
            throw new IllegalStateException("nginx is not installed; on Debian or Ubuntu: sudo apt-get install nginx");
        }
        Path dir = Files.createTempDirectory("cutover-compare");
        int[] ports = options.basePort() == 0 ? freePorts(6) : range(options.basePort(), 6);
        int backendPort = ports[0];
        int nginxPort = ports[1];
        int cutoverPort = ports[2];
        int adminPort = ports[3];
        int bytesRelayPort = ports[4];
        int httpRelayPort = ports[5];
        String user = "root".equals(System.getProperty("user.name")) ? "root" : null;
        List<TargetProcess> started = new ArrayList<>();
        String loadAtStart = loadAverage();
        try {
            Path backendDir = Files.createDirectories(dir.resolve("backend"));
            Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
            Files.createDirectories(backendDir.resolve("temp"));
            Files.createDirectories(nginxDir.resolve("temp"));
            Files.writeString(backendDir.resolve("nginx.conf"), NginxConfig.backend(backendDir, backendPort, user));
            Files.writeString(
                    nginxDir.resolve("nginx.conf"),
                    NginxConfig.proxy(nginxDir, nginxPort, backendPort, options.workers(), user));
            Path cutoverConfig = dir.resolve("cutover.yaml");
            Files.writeString(cutoverConfig, cutoverConfig(dir, cutoverPort, adminPort, backendPort));

            err.printf(
                    "cutover load compare: backend nginx on :%d, nginx (%d worker%s) on :%d, Netty relays (bytes,"
                            + " HTTP) on :%d and :%d, Cutover (%d event loop%s) on :%d; files in %s%n",
                    backendPort,
                    options.workers(),
                    options.workers() == 1 ? "" : "s",
                    nginxPort,
                    bytesRelayPort,
                    httpRelayPort,
                    options.workers(),
                    options.workers() == 1 ? "" : "s",
                    cutoverPort,
                    dir);
            TargetProcess backend = TargetProcess.start(
                    DIRECT,
                    nginxCommand(nginx, backendDir),
                    backendPort,
                    backendDir.resolve("out.log"),
                    Duration.ofSeconds(10));
            started.add(backend);
            TargetProcess proxy = TargetProcess.start(
                    NGINX,
                    nginxCommand(nginx, nginxDir),
                    nginxPort,
                    nginxDir.resolve("out.log"),
                    Duration.ofSeconds(10));
            started.add(proxy);
            TargetProcess bytesRelay = relay(RELAY_BYTES, NettyRelay.Mode.BYTES, bytesRelayPort, backendPort, dir);
            started.add(bytesRelay);
            TargetProcess httpRelay = relay(RELAY_HTTP, NettyRelay.Mode.HTTP, httpRelayPort, backendPort, dir);
            started.add(httpRelay);
            TargetProcess cutover = TargetProcess.start(
                    CUTOVER,
                    ServeProcess.command(cutoverConfig, options.jvmOptions()),
                    cutoverPort,
                    dir.resolve("cutover.log"),
                    Duration.ofSeconds(90));
            started.add(cutover);
            awaitReady(adminPort, cutover);

            List<TargetProcess> targets = List.of(backend, proxy, bytesRelay, httpRelay, cutover);
            for (TargetProcess target : targets) {
                warmUp(target);
            }
            CpuProfile recording = options.profile() ? CpuProfile.start(cutover, dir) : null;
            Map<String, List<Measured>> closed = rounds(
                    targets,
                    new LoadModel.Closed(options.concurrency()),
                    "closed model, " + options.concurrency() + " in flight");
            Path flameGraph = dir.resolve("cutover-closed.html");
            Path profile = dir.resolve("cutover-closed.collapsed");
            if (recording != null) {
                recording.stop(flameGraph, profile);
            }
            List<Figures> closedFigures = new ArrayList<>();
            closed.forEach((name, runs) -> closedFigures.add(median(name, runs)));

            int openRate = 0;
            Map<String, List<Measured>> open = new LinkedHashMap<>();
            if (options.openPhase()) {
                double cutoverMost = closedFigures.stream()
                        .filter(f -> f.target().equals(CUTOVER))
                        .findFirst()
                        .orElseThrow()
                        .requestsPerSecond();
                openRate = (int) Math.max(1, Math.round(cutoverMost / 2));
                // Rounds here too: one window of a few seconds can catch a stall of the machine
                // (another process, a collector pause of the generator) and a tail is what it moves.
                open = rounds(
                        targets,
                        new LoadModel.Open(openRate),
                        String.format(Locale.ROOT, "open model at %,d/s (half Cutover's most)", openRate));
            }
            List<Figures> openFigures = new ArrayList<>();
            open.forEach((name, runs) -> openFigures.add(median(name, runs)));

            Outcome outcome = new Outcome(closedFigures, openFigures, openRate, null);
            String table = table(outcome)
                    + String.format(
                            Locale.ROOT,
                            "%nload average (1 min) of the machine: %s at the start, %s at the end%n",
                            loadAtStart,
                            loadAverage());
            if (recording != null) {
                table += CpuProfile.summarize(profile, PROFILE_LINES)
                        .describe("Cutover over the closed rounds ("
                                + (recording.kernelFrames()
                                        ? ""
                                        : "sampled by a CPU timer: perf events are closed to this user, so no"
                                                + " kernel frames; ")
                                + "its figures there include the profiler's own cost; compare them from a run without"
                                + " --profile)");
            }
            out.println(table);
            Path report = writeReport(outcome, closed, open, table);
            out.println("report: " + report.toAbsolutePath());
            if (recording != null) {
                String base = report.toString().replaceFirst("\\.html$", "");
                Path keptGraph = Files.copy(flameGraph, Path.of(base + "-cutover-flame.html"));
                Path keptStacks = Files.copy(profile, Path.of(base + "-cutover.collapsed"));
                out.println("profile: " + keptGraph.toAbsolutePath() + " (flame graph), " + keptStacks.toAbsolutePath()
                        + " (stacks)");
            }
            return new Outcome(closedFigures, openFigures, openRate, report);
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            if (options.keep()) {
                err.println("kept: " + dir);
            } else {
                delete(dir);
            }
        }
    }

    /**
     * Load until the target has answered {@link #WARM_UP_REQUESTS} (a JVM's compiler needs that many
     * before Cutover runs at its speed; on a busy machine that takes far longer than a fixed time
     * would allow) or {@code --warm-up} has passed, in slices of a few seconds.
     */
    private void warmUp(TargetProcess target) throws InterruptedException {
        if (options.warmUp().isZero()) {
            return;
        }
        long answered = 0;
        long deadline = System.nanoTime() + options.warmUp().toNanos();
        Duration slice =
                options.warmUp().compareTo(Duration.ofSeconds(5)) < 0 ? options.warmUp() : Duration.ofSeconds(5);
        do {
            err.printf("warm-up: %s, %,d answered so far%n", target.name, answered);
            LoadResult result = measure(
                            target,
                            new LoadModel.Closed(options.concurrency()),
                            slice,
                            new ConnectionMix(options.concurrency(), WARM_UP_NEW_CONNECTION_PERCENT))
                    .result();
            answered += result.sent() - result.failed();
        } while (answered < WARM_UP_REQUESTS && System.nanoTime() < deadline);
    }

    /** Rows in each of the profile's two tables. */
    static final int PROFILE_LINES = 15;

    /** Requests a target answers before it is measured (unless the warm-up's time runs out first). */
    static final long WARM_UP_REQUESTS = 200_000;

    /**
     * The warm-up's share of requests on a connection of their own. Each round opens its connections
     * afresh, and the open model's first requests wait for them: a JVM that only ever saw keep-alive
     * load would run accept and close through its interpreter there, a tail no busy Cutover has.
     */
    static final int WARM_UP_NEW_CONNECTION_PERCENT = 10;

    /**
     * How long both proxies keep an unused connection to the backend: nginx's default upstream
     * {@code keepalive_timeout}, set for Cutover alike. Each target sits idle while the others are
     * measured; with a shorter timeout only one of them would open its round reconnecting.
     */
    static final String UPSTREAM_IDLE_TIMEOUT = "60s";

    /** The time slots of each run: the open table's worst second is the worst of these. */
    private static final Duration SLOT = Duration.ofSeconds(1);

    private record Measured(
            LoadResult result,
            double cpuMicrosPerRequest,
            double kernelMicrosPerRequest,
            double busiestThreadPercent) {}

    /** Each target in turn under {@code model}, for {@code --rounds} rounds: the runs by target. */
    private Map<String, List<Measured>> rounds(List<TargetProcess> targets, LoadModel model, String what)
            throws InterruptedException {
        Map<String, List<Measured>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (TargetProcess target : targets) {
                err.printf(
                        "round %d of %d: %s, %s, %s%n",
                        round, options.rounds(), target.name, what, seconds(options.duration()));
                runs.computeIfAbsent(target.name, t -> new ArrayList<>())
                        .add(measure(
                                target,
                                model,
                                options.duration(),
                                new ConnectionMix(options.concurrency(), options.newConnectionPercent())));
            }
        }
        return runs;
    }

    private Measured measure(TargetProcess target, LoadModel model, Duration duration, ConnectionMix connections)
            throws InterruptedException {
        LoadPlan plan = new LoadPlan(
                new InetSocketAddress("127.0.0.1", target.port),
                "www.shareasale.com",
                model,
                duration,
                1_000_000_000L,
                options.mix(),
                connections,
                Duration.ofSeconds(5),
                SLOT,
                1);
        Map<Long, Long> threadsBefore = target.threadTicks();
        TargetProcess.CpuTicks before = target.cpuTicks();
        long started = System.nanoTime();
        LoadResult result = LoadGenerator.run(plan, LoadHooks.quiet().withProgress(err, System.console() != null));
        long wall = System.nanoTime() - started;
        TargetProcess.CpuTicks used = target.cpuTicks().minus(before);
        Map<Long, Long> threadsAfter = target.threadTicks();
        long answered = Math.max(1, result.sent() - result.failed());
        double microsPerTick = 1e6 / TargetProcess.TICKS_PER_SECOND;
        return new Measured(
                result,
                used.total() * microsPerTick / answered,
                used.system() * microsPerTick / answered,
                TargetProcess.busiestPercent(threadsBefore, threadsAfter, wall));
    }

    private static Figures median(String target, List<Measured> runs) {
        return new Figures(
                target,
                median(runs, m -> m.result().requestsPerSecond()),
                median(runs, m -> m.result().millis(50)),
                median(runs, m -> m.result().millis(99)),
                median(runs, m -> m.result().millis(99.9)),
                median(runs, m -> m.result().worstSlotMillis(99)),
                median(runs, Measured::cpuMicrosPerRequest),
                median(runs, Measured::kernelMicrosPerRequest),
                median(runs, Measured::busiestThreadPercent),
                runs.stream().mapToLong(m -> m.result().failed()).sum());
    }

    private static double median(List<Measured> runs, java.util.function.ToDoubleFunction<Measured> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The comparison as a Markdown table (the README shows one), with the ratios under it. */
    String table(Outcome outcome) {
        StringBuilder t = new StringBuilder();
        Figures nginx = outcome.closed(NGINX);
        Figures direct = outcome.closed(DIRECT);
        Figures cutover = outcome.closed(CUTOVER);
        Figures httpRelay = outcome.closed(RELAY_HTTP);
        t.append(String.format(
                Locale.ROOT,
                "closed model, %d requests in flight, %s, %s × %d rounds (medians), mix %s, %d nginx worker(s) = %d"
                        + " Cutover event loop(s), %d cores%n%n",
                options.concurrency(),
                connections(options.newConnectionPercent()),
                seconds(options.duration()),
                options.rounds(),
                options.mix().describe().keySet().size() > 3
                        ? "all (" + options.mix().describe().size() + " shapes)"
                        : options.mix().describe().keySet(),
                options.workers(),
                options.workers(),
                Runtime.getRuntime().availableProcessors()));
        t.append("| target | req/s | × nginx | p50 ms | p99 ms | p99.9 ms | CPU µs/req | of it kernel µs"
                + " | busiest thread % | failed |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Figures f : outcome.closed()) {
            t.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %.2f | %.3f | %.3f | %.3f | %.1f | %.1f | %.0f | %d |%n",
                    label(f.target()),
                    f.requestsPerSecond(),
                    f.requestsPerSecond() / nginx.requestsPerSecond(),
                    f.p50(),
                    f.p99(),
                    f.p999(),
                    f.cpuMicros(),
                    f.kernelMicros(),
                    f.busiestThreadPercent(),
                    f.failed()));
        }
        t.append(String.format(
                Locale.ROOT,
                "%nCutover/nginx: req/s %.2f, p99 %.2f, CPU per request %.2f (in user space %.2f, in the kernel %.2f)."
                        + " Cutover/direct: req/s %.2f, p99 %.2f, CPU per request %.2f.%n",
                cutover.requestsPerSecond() / nginx.requestsPerSecond(),
                cutover.p99() / nginx.p99(),
                cutover.cpuMicros() / nginx.cpuMicros(),
                userMicros(cutover) / userMicros(nginx),
                cutover.kernelMicros() / nginx.kernelMicros(),
                cutover.requestsPerSecond() / direct.requestsPerSecond(),
                cutover.p99() / direct.p99(),
                cutover.cpuMicros() / direct.cpuMicros()));
        t.append(String.format(
                Locale.ROOT,
                "Netty HTTP relay/nginx: req/s %.2f, CPU per request %.2f. ",
                httpRelay.requestsPerSecond() / nginx.requestsPerSecond(),
                httpRelay.cpuMicros() / nginx.cpuMicros()));
        if (options.newConnectionPercent() == 0) {
            t.append(String.format(
                    Locale.ROOT,
                    "Cutover above the Netty HTTP relay: %.1f µs of CPU per request (its own work).%n",
                    cutover.cpuMicros() - httpRelay.cpuMicros()));
            t.append(roomAboveTransport(nginx, outcome.closed(RELAY_BYTES)));
        } else {
            // Cutover and nginx pool their backend connections; a relay opens one per client connection.
            t.append("The relays connect to the backend for each client connection, so with new connections they"
                    + " are no floor of Cutover's.\n");
        }
        if (!outcome.open().isEmpty()) {
            Figures openDirect = outcome.open().get(0);
            t.append(String.format(
                    Locale.ROOT,
                    "%nopen model at %,d/s (half Cutover's most), %s × %d rounds (medians):%n%n",
                    outcome.openRate(),
                    seconds(options.duration()),
                    options.rounds()));
            t.append(
                    "| target | p50 ms | p99 ms | p99.9 ms | worst " + seconds(SLOT)
                            + " p99 ms | p99 added to direct ms | CPU µs/req | of it kernel µs | busiest thread % | failed |\n");
            t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Figures f : outcome.open()) {
                t.append(String.format(
                        Locale.ROOT,
                        "| %s | %.3f | %.3f | %.3f | %.3f | %s | %.1f | %.1f | %.0f | %d |%n",
                        label(f.target()),
                        f.p50(),
                        f.p99(),
                        f.p999(),
                        f.worstSecondP99(),
                        f.target().equals(DIRECT) ? "" : String.format(Locale.ROOT, "%.3f", f.p99() - openDirect.p99()),
                        f.cpuMicros(),
                        f.kernelMicros(),
                        f.busiestThreadPercent(),
                        f.failed()));
            }
        }
        return t.toString();
    }

    private static double userMicros(Figures f) {
        return f.cpuMicros() - f.kernelMicros();
    }

    /**
     * What nginx's CPU per request leaves above the bytes relay: all that Cutover, on the same
     * transport, could spend parsing and writing HTTP on both sides, translating, routing, bridging
     * cookies, counting and logging, and still cost no more than nginx.
     */
    static String roomAboveTransport(Figures nginx, Figures bytesRelay) {
        double room = nginx.cpuMicros() - bytesRelay.cpuMicros();
        if (room <= 0) {
            return String.format(
                    Locale.ROOT,
                    "To match nginx's CPU per request on Netty's transport: no room (the bytes relay alone costs"
                            + " %.1f µs more).%n",
                    -room);
        }
        return String.format(
                Locale.ROOT,
                "To match nginx's CPU per request on Netty's transport: %.1f µs above the bytes relay, for HTTP both"
                        + " ways, translation, failover, cookies, metrics and the log.%n",
                room);
    }

    private static String connections(int newConnectionPercent) {
        return newConnectionPercent == 0
                ? "keep-alive"
                : newConnectionPercent + " % of requests on a connection of their own";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String label(String target) {
        return switch (target) {
            case DIRECT -> "backend directly";
            case NGINX -> "nginx, access log buffered";
            case RELAY_BYTES -> "Netty relay, bytes only";
            case RELAY_HTTP -> "Netty relay, HTTP/1.1 codec";
            default -> "Cutover, access log to a file";
        };
    }

    private Path writeReport(
            Outcome outcome, Map<String, List<Measured>> closed, Map<String, List<Measured>> open, String table)
            throws IOException {
        List<LoadReport.Named> runs = new ArrayList<>();
        closed.forEach((name, list) -> runs.add(new LoadReport.Named(
                label(name) + " — closed model, last round",
                list.get(list.size() - 1).result())));
        open.forEach((name, list) -> runs.add(new LoadReport.Named(
                label(name) + " — open model at " + outcome.openRate() + "/s, last round",
                list.get(list.size() - 1).result())));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("closed", outcome.closed());
        extra.put("open", outcome.open());
        extra.put("openRate", outcome.openRate());
        extra.put("workers", options.workers());
        String name = "compare-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return LoadReport.write(
                options.reportDir(),
                name,
                "Cutover side by side with nginx and the backend",
                "<pre>" + table.replace("&", "&amp;").replace("<", "&lt;") + "</pre>",
                runs,
                extra);
    }

    /** A {@link NettyRelay} in a JVM of its own, with Cutover's JVM options and event-loop count. */
    private TargetProcess relay(String name, NettyRelay.Mode mode, int port, int backendPort, Path dir)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NettyRelay.class.getName());
        command.add(Integer.toString(port));
        command.add(Integer.toString(backendPort));
        command.add(mode.name().toLowerCase(Locale.ROOT));
        command.add(Integer.toString(options.workers()));
        return TargetProcess.start(name, command, port, dir.resolve(name + ".log"), Duration.ofSeconds(30));
    }

    static List<String> nginxCommand(Path nginx, Path dir) {
        return List.of(
                nginx.toString(),
                "-p",
                dir.toString(),
                "-c",
                dir.resolve("nginx.conf").toString(),
                "-e",
                dir.resolve("error.log").toString());
    }

    /**
     * Cutover as production runs it, its access log to a file, the backend as both platforms. The
     * per-client caps are off: every request of the run comes from one loopback address.
     */
    String cutoverConfig(Path dir, int port, int adminPort, int backendPort) {
        return cutoverConfig(dir, port, adminPort, backendPort, options.workers(), "60s");
    }

    static String cutoverConfig(Path dir, int port, int adminPort, int backendPort, int workers, String idleTimeout) {
        return """
                server:
                  host: 127.0.0.1
                  port: %d
                  event-loops: %d
                  idle-timeout: %s
                  max-connections: 0
                  max-connections-per-client: 0
                rate-limit:
                  enabled: false
                admin:
                  host: 127.0.0.1
                  port: %d
                backends:
                  primary:
                    url: http://127.0.0.1:%d
                    idle-timeout: %s
                  legacy:
                    url: http://127.0.0.1:%d
                    idle-timeout: %s
                    host-header: www.shareasale.com
                directory:
                  file: sample
                  watch: false
                access-log: %s
                queue:
                  url: ""
                spool:
                  dir: %s
                replay:
                  enabled: false
                """.formatted(
                        port,
                        workers,
                        idleTimeout,
                        adminPort,
                        backendPort,
                        UPSTREAM_IDLE_TIMEOUT,
                        backendPort,
                        UPSTREAM_IDLE_TIMEOUT,
                        dir.resolve("cutover-access.log"),
                        dir.resolve("spool"));
    }

    static void awaitReady(int adminPort, TargetProcess cutover) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                int status = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            if (System.nanoTime() > deadline || !cutover.process.isAlive()) {
                throw new IOException("Cutover did not become ready: " + cutover.tail());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Free loopback ports for the child processes. nginx cannot be told port 0 and report what it
     * bound, so these are found by binding and closing; a clash shows as a start failure.
     */
    static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
        return ports;
    }

    private static int[] range(int base, int n) {
        if (base < 1024 || base + n > 65535) {
            throw new IllegalArgumentException("base port: " + base + " (expected: 1024 to " + (65535 - n) + ")");
        }
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ports[i] = base + i;
        }
        return ports;
    }

    /** The 1-minute load average: other work on the cores shows in every figure, so the table says it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
