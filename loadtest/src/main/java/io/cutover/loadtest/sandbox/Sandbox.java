package io.cutover.loadtest.sandbox;

import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.sim.SimulatorOptions;
import io.cutover.loadtest.sqs.SandboxSqs;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.ops.admin.AdminToken;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded default: a simulated Awin, a simulated ShareASale, an SQS (ElasticMQ) with an
 * outage switch, and Cutover between them with the built-in mapping table and the sample
 * directory, all in this process and on loopback. The real code path end to end: Cutover is
 * configured exactly as {@code serve} would configure it, only with the simulators' addresses,
 * and talks to ElasticMQ through the real AWS SDK client; its replayer drains the retry queue
 * to the simulated Awin.
 */
public final class Sandbox implements AutoCloseable {

    /** The environment variable the admin token is taken from. */
    public static final String ADMIN_TOKEN_VARIABLE = "CUTOVER_ADMIN_TOKEN";

    /**
     * Failed receives that reached a platform before the replayer dead-letters a message in the
     * sandbox.
     */
    public static final int SANDBOX_MAX_RECEIVES = 4;

    private final SimulatedAwin awin;
    private final SimulatedShareASale shareASale;
    private final SandboxSqs sqs;
    private final Path spoolDir;
    private final boolean temporarySpool;
    private final Cutover cutover;
    private final SandboxTls tls;
    private final String adminToken;
    private final boolean tokenGenerated;

    private Sandbox(
            SimulatedAwin awin,
            SimulatedShareASale shareASale,
            SandboxSqs sqs,
            Path spoolDir,
            boolean temporarySpool,
            Cutover cutover,
            SandboxTls tls,
            String adminToken,
            boolean tokenGenerated) {
        this.awin = awin;
        this.shareASale = shareASale;
        this.sqs = sqs;
        this.spoolDir = spoolDir;
        this.temporarySpool = temporarySpool;
        this.cutover = cutover;
        this.tls = tls;
        this.adminToken = adminToken;
        this.tokenGenerated = tokenGenerated;
    }

    /** The sandbox's synthetic click: the sample merchant 41388's deep link, landing on its page. */
    public static final String SYNTHETIC_CLICK =
            "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=synthetic";

    /** Where {@link #SYNTHETIC_CLICK} lands. */
    public static final String SYNTHETIC_LANDING = "https://www.example.com/page";

    /**
     * The configuration keys that turn the synthetic click on, every {@code interval} (e.g. {@code
     * 10s}), for {@link #start(SandboxOptions, Map)}'s overrides.
     */
    public static Map<String, Object> synthetic(String interval) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("synthetic.enabled", true);
        keys.put("synthetic.interval", interval);
        keys.put("synthetic.timeout", "1s");
        keys.put("synthetic.click", SYNTHETIC_CLICK);
        keys.put("synthetic.expect-landing", SYNTHETIC_LANDING);
        return keys;
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
        return start(options, overrides, FileDirectory.sample(), null, true);
    }

    /**
     * Starts with another directory than the sample, e.g. merchants whose landing pages a test
     * serves itself. The simulators take their default landings from it too.
     */
    public static Sandbox start(SandboxOptions options, Map<String, Object> overrides, FileDirectory directory) {
        return start(options, overrides, directory, null, false);
    }

    /**
     * The sample directory, with HTTPS too when {@code tls} is not {@code null} (as {@code
     * bin/cutover sandbox --tls}).
     */
    public static Sandbox start(SandboxOptions options, Map<String, Object> overrides, SandboxTls tls) {
        return start(options, overrides, FileDirectory.sample(), tls, true);
    }

    /**
     * Starts with HTTPS too ({@code tls} not {@code null}): Cutover's HTTPS listener, and the
     * simulated Awin's tracking listener over HTTPS and HTTP/2 with the same certificate (it
     * covers {@code *.awin1.com}), which Cutover reaches as {@code www.awin1.com}, trusting the
     * sandbox's CA.
     */
    public static Sandbox start(
            SandboxOptions options, Map<String, Object> overrides, FileDirectory directory, SandboxTls tls) {
        return start(options, overrides, directory, tls, false);
    }

    /**
     * @param sample whether {@code directory} is the built-in sample: Cutover then loads it itself,
     *     as production loads its store (preloaded, Caffeine in front, look-ups counted)
     */
    private static Sandbox start(
            SandboxOptions options,
            Map<String, Object> overrides,
            FileDirectory directory,
            SandboxTls tls,
            boolean sample) {
        Map<String, String> advertiserLandings = new HashMap<>();
        Map<String, String> merchantLandings = new HashMap<>();
        for (Merchant merchant : directory.merchants()) {
            if (merchant.onPrimary()) {
                advertiserLandings.put(merchant.advertiserId(), merchant.defaultLanding());
            }
            merchantLandings.put(merchant.legacyId(), merchant.defaultLanding());
        }
        SimulatedAwin awin = new SimulatedAwin(
                SimulatorOptions.builder()
                        .trackingPort(options.awinPort())
                        .controlPort(options.awinControlPort())
                        .tls(tls == null ? null : tls.simulatorTls())
                        .build(),
                advertiserLandings);
        SimulatedShareASale shareASale = new SimulatedShareASale(
                SimulatorOptions.builder()
                        .trackingPort(options.shareASalePort())
                        .controlPort(options.shareASaleControlPort())
                        .build(),
                merchantLandings);
        SandboxSqs sqs = null;
        try {
            awin.start();
            shareASale.start();
            Path spoolDir = spoolDir(options.dataDir());
            sqs = SandboxSqs.start(
                    options.sqsPort(),
                    options.sqsControlPort(),
                    options.sqsStorePort(),
                    options.dataDir() == null ? null : options.dataDir().resolve("elasticmq"));
            // The admin token from CUTOVER_ADMIN_TOKEN (the config loader reads it as admin.token),
            // else a fresh one that the sandbox prints.
            String given = System.getenv(ADMIN_TOKEN_VARIABLE);
            boolean generated = given == null || given.isBlank();
            String token = generated ? AdminToken.generate() : given.trim();
            Map<String, Object> withToken = new LinkedHashMap<>();
            withToken.put("admin.token", token);
            withToken.putAll(overrides);
            CutoverConfig config = ConfigLoader.fromTree(
                    "sandbox",
                    config(options, awin, shareASale, sqs, spoolDir, tls, withToken),
                    System.getenv(),
                    Path.of("."));
            // The mapping the config names (the built-in table unless mapping.files is set, as by
            // --mapping DIR), reloaded when its files change; the directory stays the sandbox's.
            Cutover cutover = sample
                    ? Cutover.start(config)
                    : Cutover.start(config, directory, Clock.systemUTC(), System::nanoTime);
            cutover.syntheticProber()
                    .ifPresent(prober -> prober.confirmWith(eventId -> CompletableFuture.completedFuture(
                            awin.received().stream().anyMatch(r -> eventId.equals(r.eventId())))));
            return new Sandbox(
                    awin, shareASale, sqs, spoolDir, options.dataDir() == null, cutover, tls, token, generated);
        } catch (RuntimeException e) {
            if (sqs != null) {
                sqs.close();
            }
            shareASale.close();
            awin.close();
            throw e;
        }
    }

    private static Path spoolDir(Path dataDir) {
        try {
            if (dataDir == null) {
                return Files.createTempDirectory("cutover-sandbox-spool-");
            }
            return Files.createDirectories(dataDir.resolve("spool"));
        } catch (IOException e) {
            throw new UncheckedIOException("--data: " + dataDir + " (expected: a writable folder; " + e + ")", e);
        }
    }

    private static Map<String, Object> config(
            SandboxOptions options,
            SimulatedAwin awin,
            SimulatedShareASale shareASale,
            SandboxSqs sqs,
            Path spoolDir,
            SandboxTls tls,
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
        // The real SDK client against ElasticMQ: unsigned, and a short wait before spooling.
        flat.put("queue.url", sqs.queueUrl());
        flat.put("queue.endpoint", sqs.endpoint().toString());
        flat.put("queue.region", "eu-west-1");
        flat.put("queue.credentials", "anonymous");
        flat.put("queue.linger", "2ms");
        flat.put("queue.ack-timeout", "100ms");
        flat.put("queue.drain-interval", "250ms");
        flat.put("spool.dir", spoolDir.toString());
        flat.put("spool.max-size", "64MiB");
        flat.put("spool.segment-size", "1MiB");
        flat.put("replay.enabled", true);
        flat.put("replay.poll-wait", "1s");
        flat.put("replay.concurrency", 8);
        flat.put("replay.backoff-base", "200ms");
        flat.put("replay.backoff-max", "2s");
        flat.put("replay.max-receives", SANDBOX_MAX_RECEIVES);
        flat.put("replay.visibility-timeout", "5s");
        flat.put("replay.dead-letter-queue-url", sqs.deadLetterUrl());
        if (tls != null) {
            flat.putAll(tls.overrides());
            flat.put("backends.primary.url", "https://127.0.0.1:" + awin.trackingPort());
            flat.put("backends.primary.host-header", "www.awin1.com");
            flat.put("backends.primary.trust-ca", tls.caCertificate().toString());
        }
        // Every client of the sandbox is 127.0.0.1 (browsers, curl, the load generator): per-client
        // caps would throttle them all as one. Tests of the caps turn them on.
        flat.put("rate-limit.enabled", false);
        flat.put("server.max-connections", 0);
        flat.put("server.max-connections-per-client", 0);
        flat.putAll(overrides);
        return ConfigLoader.treeOf(flat);
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

    /** The bearer token of the admin API's changing calls. */
    public String adminToken() {
        return adminToken;
    }

    /** Whether the sandbox made the token up (it was not in {@value #ADMIN_TOKEN_VARIABLE}). */
    public boolean adminTokenGenerated() {
        return tokenGenerated;
    }

    /** The admin listener's base URL, e.g. {@code http://127.0.0.1:9090}. */
    public String adminUrl() {
        return "http://127.0.0.1:" + cutover.adminPort();
    }

    /** The sandbox's SQS (ElasticMQ behind its fault relay). */
    public SandboxSqs sqs() {
        return sqs;
    }

    /** Where Cutover's spool is. */
    public Path spoolDir() {
        return spoolDir;
    }

    /** The HTTPS listener's certificates, when started with them. */
    public java.util.Optional<SandboxTls> tls() {
        return java.util.Optional.ofNullable(tls);
    }

    /** Cutover's HTTPS base URL, e.g. {@code https://127.0.0.1:8443}; only when started with TLS. */
    public String tlsUrl() {
        if (tls == null) {
            throw new IllegalStateException("the sandbox was started without TLS");
        }
        return "https://127.0.0.1:" + cutover.tlsPort();
    }

    /** Cutover's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://127.0.0.1:" + cutover.port();
    }

    /** Stops Cutover first (no request then finds a simulator gone), then SQS and the simulators. */
    @Override
    public void close() {
        try {
            cutover.close();
        } finally {
            sqs.close();
            shareASale.close();
            awin.close();
            if (temporarySpool) {
                deleteSpool();
            }
        }
    }

    private void deleteSpool() {
        try (var files = Files.list(spoolDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(spoolDir);
        } catch (IOException e) {
            // A temporary folder: the system cleans it up eventually.
        }
    }
}
