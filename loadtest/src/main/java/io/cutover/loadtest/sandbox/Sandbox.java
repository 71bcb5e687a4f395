package io.cutover.loadtest.sandbox;

import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.sim.SimulatorOptions;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.table.MappingTable;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded default: a simulated Awin, a simulated ShareASale, and Cutover between them with
 * the built-in mapping table and the sample directory, and an SQS (ElasticMQ) whose retry queue
 * Cutover's replayer drains to the simulated Awin; all in this process and on loopback. The
 * real code path end to end: Cutover is configured exactly as {@code serve} would configure it,
 * only with the simulators' addresses.
 */
public final class Sandbox implements AutoCloseable {

    /** Failed receives before the replayer dead-letters a message in the sandbox. */
    static final int SANDBOX_MAX_RECEIVES = 4;

    /** How far the queue's own redrive bound stays above the replayer's, as a backstop. */
    static final int REDRIVE_MARGIN = 6;

    private final SimulatedAwin awin;
    private final SimulatedShareASale shareASale;
    private final Cutover cutover;
    private final SandboxQueue queue;

    private Sandbox(SimulatedAwin awin, SimulatedShareASale shareASale, Cutover cutover, SandboxQueue queue) {
        this.awin = awin;
        this.shareASale = shareASale;
        this.cutover = cutover;
        this.queue = queue;
    }

    /** Starts the simulators, then Cutover pointed at them. Fails naming any port in use. */
    public static Sandbox start(SandboxOptions options) {
        return start(options, Map.of());
    }

    /**
     * Starts with extra configuration keys over the sandbox's own (dotted keys, e.g. {@code
     * deadlines.click}), for tests that need other budgets.
     */
    public static Sandbox start(SandboxOptions options, Map<String, Object> overrides) {
        return start(options, overrides, FileDirectory.sample());
    }

    /**
     * Starts with another directory than the sample, e.g. merchants whose landing pages a test
     * serves itself. The simulators take their default landings from it too.
     */
    public static Sandbox start(SandboxOptions options, Map<String, Object> overrides, FileDirectory directory) {
        Map<String, String> advertiserLandings = new HashMap<>();
        Map<String, String> merchantLandings = new HashMap<>();
        for (Merchant merchant : directory.merchants()) {
            advertiserLandings.put(merchant.advertiserId(), merchant.defaultLanding());
            merchantLandings.put(merchant.legacyId(), merchant.defaultLanding());
        }
        SimulatedAwin awin = new SimulatedAwin(
                SimulatorOptions.builder()
                        .trackingPort(options.awinPort())
                        .controlPort(options.awinControlPort())
                        .build(),
                advertiserLandings);
        SimulatedShareASale shareASale = new SimulatedShareASale(
                SimulatorOptions.builder()
                        .trackingPort(options.shareASalePort())
                        .controlPort(options.shareASaleControlPort())
                        .build(),
                merchantLandings);
        SandboxQueue queue = null;
        try {
            awin.start();
            shareASale.start();
            queue = SandboxQueue.start(options.sqsPort(), maxReceiveCount(overrides));
            CutoverConfig config = ConfigLoader.fromTree(
                    "sandbox", config(options, awin, shareASale, queue, overrides), System.getenv(), Path.of("."));
            Cutover cutover = Cutover.start(
                    config,
                    new Translator(
                            MappingTable.builtIn(),
                            directory,
                            config.unknownAffiliate().publisher()),
                    Clock.systemUTC(),
                    System::nanoTime);
            return new Sandbox(awin, shareASale, cutover, queue);
        } catch (RuntimeException e) {
            if (queue != null) {
                queue.close();
            }
            shareASale.close();
            awin.close();
            throw e;
        }
    }

    /** The queue's redrive {@code maxReceiveCount}: above the replayer's {@code max-receives}, overridden or not. */
    private static int maxReceiveCount(Map<String, Object> overrides) {
        Object maxReceives = overrides.getOrDefault("replay.max-receives", SANDBOX_MAX_RECEIVES);
        try {
            return Integer.parseInt(String.valueOf(maxReceives).trim()) + REDRIVE_MARGIN;
        } catch (NumberFormatException e) {
            return SANDBOX_MAX_RECEIVES + REDRIVE_MARGIN; // the config load reports the bad value
        }
    }

    private static Map<String, Object> config(
            SandboxOptions options,
            SimulatedAwin awin,
            SimulatedShareASale shareASale,
            SandboxQueue queue,
            Map<String, Object> overrides) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("server.host", "127.0.0.1");
        flat.put("server.port", options.cutoverPort());
        flat.put("server.event-loops", options.eventLoops());
        flat.put("admin.host", "127.0.0.1");
        flat.put("admin.port", options.adminPort());
        flat.put("backends.primary.url", "http://127.0.0.1:" + awin.trackingPort());
        flat.put("backends.legacy.url", "http://127.0.0.1:" + shareASale.trackingPort());
        // Loopback backends answer in well under a millisecond: budgets far below production's.
        flat.put("backends.primary.connect-timeout", "100ms");
        flat.put("backends.primary.response-timeout", "150ms");
        flat.put("backends.legacy.connect-timeout", "100ms");
        flat.put("backends.legacy.response-timeout", "150ms");
        // Short breaker periods, so that a newcomer who ends an outage sees the primary back in seconds.
        flat.put("backends.primary.breaker.open-for", "2s");
        flat.put("backends.legacy.breaker.open-for", "2s");
        flat.put("deadlines.click", "300ms");
        flat.put("deadlines.conversion", "300ms");
        flat.put("deadlines.pass-through", "1s");
        flat.put("directory.file", ConfigLoader.SAMPLE_DIRECTORY);
        flat.put("access-log", options.accessLog());
        // Replay timings for a newcomer watching: queued events reach the simulated Awin within
        // seconds of its recovery, and a failing one is dead after a few quick tries.
        flat.put("queue.url", queue.queueUrl());
        flat.put("queue.endpoint", queue.endpoint());
        flat.put("replay.enabled", true);
        flat.put("replay.poll-wait", "1s");
        flat.put("replay.concurrency", 8);
        flat.put("replay.backoff-base", "200ms");
        flat.put("replay.backoff-max", "2s");
        flat.put("replay.max-receives", SANDBOX_MAX_RECEIVES);
        flat.put("replay.visibility-timeout", "5s");
        flat.put("replay.dead-letter-queue-url", queue.deadLetterUrl());
        flat.putAll(overrides);
        return nested(flat);
    }

    /** Dotted keys as the nested maps a YAML file would give. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : flat.entrySet()) {
            String[] parts = entry.getKey().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            }
            node.put(parts[parts.length - 1], entry.getValue());
        }
        return root;
    }

    public SimulatedAwin awin() {
        return awin;
    }

    public SimulatedShareASale shareASale() {
        return shareASale;
    }

    public Cutover cutover() {
        return cutover;
    }

    /** The in-process SQS with the retry and dead-letter queues. */
    public SandboxQueue queue() {
        return queue;
    }

    /** Cutover's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://127.0.0.1:" + cutover.port();
    }

    /** Stops Cutover first (no request then finds a simulator gone), then the simulators. */
    @Override
    public void close() {
        try {
            cutover.close();
        } finally {
            queue.close();
            shareASale.close();
            awin.close();
        }
    }
}
