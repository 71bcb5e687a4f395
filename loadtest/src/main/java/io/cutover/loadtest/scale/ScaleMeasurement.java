package io.cutover.loadtest.scale;

import io.cutover.mapping.directory.FileDirectory;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Measures Cutover at production scale with the file store: the time from {@code start} until
 * {@code /readyz} answers 200 (config read, mapping compiled, directory preloaded, listeners
 * bound), and the heap the preloaded directory retains (used heap after full collections with it
 * held, minus without it; the median of a few rounds).
 *
 * @param merchants merchants generated
 * @param affiliates affiliates generated
 * @param startToReady from the call to start until {@code /readyz} said 200
 * @param jvmUptimeAtReady the JVM's uptime then: what a process started from nothing takes
 * @param processCpuAtReady CPU time the process had used by then (all threads: JIT and GC too)
 * @param processCpuToReady CPU time the process used from start to ready (all threads)
 * @param loadAverage the machine's load average during the run, which inflates wall times
 * @param retainedBytes heap the preloaded directory retains
 * @param readyBody {@code /readyz}'s answer
 */
public record ScaleMeasurement(
        int merchants,
        int affiliates,
        Duration startToReady,
        Duration jvmUptimeAtReady,
        Duration processCpuAtReady,
        Duration processCpuToReady,
        double loadAverage,
        long retainedBytes,
        String readyBody) {

    private static final int ROUNDS = 3;

    /** Generates the directory in {@code folder}, starts Cutover on loopback ports of the system's choosing, measures, stops. */
    public static ScaleMeasurement run(Path folder, int merchants, int affiliates)
            throws IOException, InterruptedException {
        Path directory = GeneratedDirectory.write(folder, merchants, affiliates);
        Path config = Files.writeString(folder.resolve("cutover.yaml"), """
                server: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                backends:
                  primary: { url: "http://127.0.0.1:9" }
                directory: { file: directory.yaml }
                access-log: "off"
                """);
        HttpClient http = HttpClient.newHttpClient();
        long cpuAtStart = processCpuNanos();
        long start = System.nanoTime();
        CutoverConfig loaded = ConfigLoader.load(config, Map.of());
        Duration ready;
        Duration uptime;
        Duration cpu;
        String body;
        try (Cutover cutover = Cutover.start(loaded)) {
            URI readyz = URI.create("http://127.0.0.1:" + cutover.adminPort() + "/readyz");
            HttpResponse<String> response;
            while (true) {
                response = http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    break;
                }
                Thread.sleep(5);
            }
            ready = Duration.ofNanos(System.nanoTime() - start);
            uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
            cpu = Duration.ofNanos(processCpuNanos());
            body = response.body().strip();
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new ScaleMeasurement(
                merchants, affiliates, ready, uptime, cpu, cpu.minusNanos(cpuAtStart), load, retained(directory), body);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static long retained(Path file) {
        long[] rounds = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long without = usedAfterGc();
            FileDirectory held = FileDirectory.load(file);
            long with = usedAfterGc();
            rounds[i] = with - without;
            if (held.affiliateCount() < 0) {
                throw new AssertionError("unreachable: keeps the directory alive until measured");
            }
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The report, a few lines. */
    public String report() {
        return "directory: " + merchants + " merchants, " + affiliates + " affiliates (file store, generated)\n"
                + "start to ready: " + startToReady.toMillis() + " ms wall, " + processCpuToReady.toMillis()
                + " ms CPU (config, mapping, directory preload, listeners bound; /readyz 200)\n"
                + "JVM uptime at ready: " + jvmUptimeAtReady.toMillis() + " ms; process CPU time by then: "
                + processCpuAtReady.toMillis() + " ms; load average: " + String.format("%.1f", loadAverage) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores\n"
                + "heap retained by the preloaded directory: " + (retainedBytes + 512 * 1024) / (1024 * 1024) + " MiB ("
                + retainedBytes + " bytes)\n"
                + "readyz: " + readyBody;
    }
}
