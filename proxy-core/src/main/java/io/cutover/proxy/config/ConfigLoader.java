package io.cutover.proxy.config;

import io.cutover.cookie.CookiePolicy;
import io.cutover.cookie.Phase;
import io.cutover.failover.guard.BreakerSettings;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.failover.guard.RetrySettings;
import io.cutover.failover.replay.ReplaySettings;
import io.cutover.ops.admin.AdminToken;
import io.cutover.ops.privacy.IpRange;
import io.cutover.web.HostNames;
import io.cutover.web.SafeRedirect;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code cutover.yaml} and the {@code CUTOVER_*} environment into a validated {@link
 * CutoverConfig}, or fails with every problem listed as {@code key: value (expected: …)}.
 *
 * <p>The keys, their defaults and their checks are all here, in the order of the example file
 * {@code config/cutover.example.yaml}.
 */
public final class ConfigLoader {

    /** The value of {@code directory.file} that selects the built-in sample directory. */
    public static final String SAMPLE_DIRECTORY = "sample";

    private ConfigLoader() {}

    /** Loads a configuration file, with the process environment's overrides. */
    public static CutoverConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Loads a configuration file with the given environment (tests pass their own). */
    public static CutoverConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    file.toString(), List.of("--config: " + file + " (expected: a readable file; " + e + ")"));
        }
        Path baseDir = file.toAbsolutePath().getParent();
        return fromTree(file.toString(), parse(file.toString(), text), env, baseDir);
    }

    /**
     * Dotted keys ({@code server.port}) as the nested maps a YAML file would give, in the order
     * given: how the sandbox, the scenarios' child process and tests write a configuration.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> treeOf(Map<String, Object> dotted) {
        Map<String, Object> root = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : dotted.entrySet()) {
            String[] parts = entry.getKey().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = (Map<String, Object>)
                        node.computeIfAbsent(parts[i], k -> new java.util.LinkedHashMap<String, Object>());
            }
            node.put(parts[parts.length - 1], entry.getValue());
        }
        return root;
    }

    /**
     * Builds a configuration from an already parsed tree: the sandbox and tests use this with
     * their own maps.
     */
    public static CutoverConfig fromTree(
            String source, Map<String, Object> tree, Map<String, String> env, Path baseDir) {
        Settings s = new Settings(source, tree, env, baseDir);
        CutoverConfig config = read(s);
        s.finish();
        return config;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String source, String text) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(
                    source, List.of(source + ":" + line + ": " + e.getProblem() + " (expected: valid YAML)"));
        } catch (YAMLException e) {
            throw new ConfigException(source, List.of(source + ": " + e.getMessage() + " (expected: valid YAML)"));
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map)) {
            throw new ConfigException(
                    source,
                    List.of(source + ": a " + document.getClass().getSimpleName()
                            + " (expected: a mapping of sections such as server:, backends:)"));
        }
        return (Map<String, Object>) document;
    }

    private static CutoverConfig read(Settings s) {
        ServerSettings server = new ServerSettings(
                s.string("server.host", "0.0.0.0"),
                s.integer("server.port", 8080, 0, 65535),
                s.integer("server.event-loops", 0, 0, 1024),
                s.choice("server.transport", TransportKind.AUTO),
                s.bytes("server.max-initial-line", 8192, 256, 1024 * 1024),
                s.bytes("server.max-header-size", 16384, 1024, 1024 * 1024),
                s.bytes("server.max-body", 65536, 0, 16 * 1024 * 1024),
                s.duration("server.idle-timeout", Duration.ofSeconds(60)),
                s.bool("server.trust-forwarded-for", false));
        EdgeSettings edge = edge(s, server);

        AdminSettings admin = new AdminSettings(
                s.bool("admin.enabled", true),
                s.string("admin.host", "127.0.0.1"),
                s.integer("admin.port", 9090, 0, 65535));
        ControlSettings control = control(s);

        BackendSettings primary = backend(s, "primary", true, "https://www.awin1.com");
        BackendSettings legacy = backend(s, "legacy", false, "https://origin.shareasale.example");
        GuardSettings primaryGuard = guard(s, "primary", primary);
        GuardSettings legacyGuard = guard(s, "legacy", legacy);

        Deadlines deadlines = new Deadlines(
                s.duration("deadlines.click", Duration.ofMillis(800)),
                s.duration("deadlines.conversion", Duration.ofMillis(800)),
                s.duration("deadlines.pass-through", Duration.ofSeconds(5)));

        List<Path> mappingFiles = new ArrayList<>();
        for (String file : s.list("mapping.files")) {
            Path path = s.path(file);
            if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
                s.problem("mapping.files", file, "readable mapping files (not found: " + path + ")");
            }
            mappingFiles.add(path);
        }

        DirectoryStoreKind store = s.choice("directory.store", DirectoryStoreKind.FILE);
        Optional<Path> directory = Optional.empty();
        String directoryFile = store == DirectoryStoreKind.FILE
                ? s.requiredString(
                        "directory.file",
                        "a directory file, or '" + SAMPLE_DIRECTORY + "' for the built-in sandbox data")
                : s.string("directory.file", null);
        if (directoryFile != null && !directoryFile.equals(SAMPLE_DIRECTORY)) {
            Path path = s.path(directoryFile);
            if (!Files.isRegularFile(path)) {
                s.problem("directory.file", directoryFile, "a readable file (not found: " + path + ")");
            }
            directory = Optional.of(path);
        }
        DirectorySettings directorySettings = directorySettings(s, store);

        Optional<String> unknownAffiliate = s.optionalString("directory.unknown-affiliate");
        unknownAffiliate.ifPresent(id -> {
            if (!isPublisherId(id)) {
                s.problem("directory.unknown-affiliate", id, "an Awin publisher id, a number such as 13430");
            }
        });

        Optional<String> cookieDomain = s.optionalString("cookies.domain");
        cookieDomain.ifPresent(d -> {
            // The rule SetCookieRewriter enforces at start: what check accepts, serve accepts.
            if (!HostNames.isCookieDomain(d)) {
                s.problem("cookies.domain", d, "a domain such as .shareasale.com");
            }
        });

        String fallback = s.string("fallback.landing", "https://www.awin.com/");
        // The page every click without a merchant lands on passes the same check as every redirect.
        if (SafeRedirect.check(fallback, SafeRedirect.ANY_HOST) != null) {
            s.problem("fallback.landing", fallback, "an absolute http(s) URL");
        }

        String accessLog = s.stringOrOff("access-log", "stdout", "off", "stdout, off, or a file path");
        TlsSettings tls = tls(s, server);

        QueueSettings queue = queue(s, deadlines);
        SpoolSettings spool = spool(s);
        ReplaySettings replay = replay(s, queue);
        OpsSettings ops = OpsSettingsReader.read(s);
        if (primary != null) {
            // A message must stay hidden for as long as its delivery can take, or a second
            // receiver would take it meanwhile and the platform get it twice.
            Duration longest = primary.connectTimeout().plus(primary.responseTimeout());
            if (replay.visibilityTimeout().compareTo(longest) <= 0) {
                s.problem(
                        "replay.visibility-timeout",
                        replay.visibilityTimeout(),
                        "> backends.primary.connect-timeout + response-timeout (" + longest + ")");
            }
        }

        return new CutoverConfig(
                server,
                admin,
                primary,
                Optional.ofNullable(legacy),
                deadlines,
                mappingFiles,
                directory,
                cookieDomain,
                fallback,
                accessLog,
                queue,
                spool,
                new BackendGuards(primaryGuard, Optional.ofNullable(legacy).map(l -> legacyGuard)),
                new UnknownAffiliateSettings(unknownAffiliate.filter(ConfigLoader::isPublisherId)),
                directorySettings,
                replay,
                tls,
                cookies(s, cookieDomain.filter(HostNames::isCookieDomain)),
                control,
                ops,
                edge,
                rateLimit(s));
    }

    /**
     * The HTTPS listener and the backends' trusted CAs. The files must exist at start; whether
     * they hold a usable certificate and key is checked when the listener builds its contexts,
     * with the file named.
     */
    private static TlsSettings tls(Settings s, ServerSettings server) {
        boolean enabled = s.bool("tls.enabled", false);
        String host = s.string("tls.host", server.host());
        int port = s.integer("tls.port", 8443, 0, 65535);
        Path certificate = tlsFile(s, "tls.certificate", enabled);
        Path privateKey = tlsFile(s, "tls.private-key", enabled);
        List<Path> sni = new ArrayList<>();
        for (String file : s.list("tls.sni-certificates")) {
            Path path = s.path(file);
            if (enabled && !Files.isRegularFile(path)) {
                s.problem(
                        "tls.sni-certificates",
                        file,
                        "PEM files holding a chain and its key (not found: " + path + ")");
            }
            sni.add(path);
        }
        Duration watch = s.duration("tls.watch-interval", Duration.ofSeconds(1));
        if (watch.compareTo(Duration.ofMillis(100)) < 0) {
            s.problem("tls.watch-interval", Durations.format(watch), ">= 100ms");
        }
        Http2Limits http2 = new Http2Limits(
                s.bool("tls.http2.enabled", true),
                s.integer("tls.http2.max-concurrent-streams", 100, 1, 10_000),
                s.bytes("tls.http2.max-header-list-size", server.maxHeaderSize(), 1024, 1024 * 1024),
                s.integer("tls.http2.max-resets-per-window", 200, 1, 1_000_000),
                s.duration("tls.http2.reset-window", Duration.ofSeconds(30)));
        if (http2.resetWindow().compareTo(Duration.ofSeconds(1)) < 0) {
            s.problem("tls.http2.reset-window", Durations.format(http2.resetWindow()), ">= 1s");
        }
        Optional<Path> primaryTrust = trustFile(s, "backends.primary.trust-ca");
        Optional<Path> legacyTrust = trustFile(s, "backends.legacy.trust-ca");
        Optional<TlsListenerSettings> listener = enabled && certificate != null && privateKey != null
                ? Optional.of(new TlsListenerSettings(host, port, certificate, privateKey, sni, watch, http2))
                : Optional.empty();
        return new TlsSettings(listener, primaryTrust, legacyTrust);
    }

    private static Path tlsFile(Settings s, String key, boolean required) {
        String value = s.string(key, null);
        if (value == null) {
            if (required) {
                s.problem(key, null, "a PEM file (tls.enabled is true)");
            }
            return null;
        }
        Path path = s.path(value);
        if (required && !Files.isRegularFile(path)) {
            s.problem(key, value, "a readable PEM file (not found: " + path + ")");
        }
        return path;
    }

    private static Optional<Path> trustFile(Settings s, String key) {
        Optional<String> value = s.optionalString(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = s.path(value.get());
        if (!Files.isRegularFile(path)) {
            s.problem(key, value.get(), "a PEM file of CA certificates (not found: " + path + ")");
        }
        return Optional.of(path);
    }

    private static ControlSettings control(Settings s) {
        Optional<AdminToken> token = Optional.empty();
        String text = s.string("admin.token", null);
        if (text != null) {
            try {
                token = Optional.of(AdminToken.of(text));
            } catch (IllegalArgumentException e) {
                // Never the value itself: it is a secret, and this message is printed.
                s.problem(
                        "admin.token",
                        AdminToken.REDACTED,
                        "at least " + AdminToken.MIN_LENGTH + " printable ASCII characters, no spaces");
            }
        }
        return new ControlSettings(token, s.duration("shutdown.drain-timeout", Duration.ofSeconds(20)));
    }

    private static EdgeSettings edge(Settings s, ServerSettings server) {
        EdgeSettings d = EdgeSettings.defaults();
        Duration headTimeout = s.duration("server.request-head-timeout", d.requestHeadTimeout());
        if (headTimeout.compareTo(server.idleTimeout()) > 0) {
            s.problem(
                    "server.request-head-timeout",
                    Durations.format(headTimeout),
                    "<= server.idle-timeout (" + Durations.format(server.idleTimeout()) + ")");
        }
        int maxConnections = s.integer("server.max-connections", d.maxConnections(), 0, 10_000_000);
        int perClient = s.integer("server.max-connections-per-client", d.maxConnectionsPerClient(), 0, 10_000_000);
        List<IpRange> trusted = new ArrayList<>();
        for (String cidr : s.list("server.trusted-proxies")) {
            Optional<IpRange> range = IpRange.parse(cidr);
            if (range.isEmpty()) {
                s.problem("server.trusted-proxies", cidr, "addresses or CIDR blocks such as 10.0.0.0/8, 2001:db8::/32");
            } else {
                trusted.add(range.get());
            }
        }
        if (server.trustForwardedFor() && trusted.isEmpty()) {
            // The older switch: every peer is a proxy whose headers are believed.
            trusted.add(IpRange.parse("0.0.0.0/0").orElseThrow());
            trusted.add(IpRange.parse("::/0").orElseThrow());
        }
        String header = s.string("server.client-ip-header", d.clientIpHeader()).toLowerCase(java.util.Locale.ROOT);
        if (!header.matches("[a-z0-9-]{1,64}") || header.equals("forwarded")) {
            s.problem("server.client-ip-header", header, "a header name such as x-forwarded-for or x-real-ip");
            header = d.clientIpHeader();
        }
        return new EdgeSettings(headTimeout, maxConnections, perClient, trusted, header);
    }

    private static RateLimitSettings rateLimit(Settings s) {
        RateLimitSettings d = RateLimitSettings.off();
        return new RateLimitSettings(
                s.bool("rate-limit.enabled", true),
                s.decimal("rate-limit.requests-per-second", d.requestsPerSecond(), 0.01, 1_000_000),
                s.integer("rate-limit.burst", d.burst(), 1, 1_000_000),
                s.integer("rate-limit.max-clients", d.maxClients(), 16, 10_000_000));
    }

    private static DirectorySettings directorySettings(Settings s, DirectoryStoreKind store) {
        String table = s.string("directory.dynamodb.table", null);
        if (store == DirectoryStoreKind.DYNAMODB && table == null) {
            s.problem("directory.dynamodb.table", null, "the DynamoDB table's name (directory.store is dynamodb)");
        } else if (table != null && !isTableName(table)) {
            s.problem("directory.dynamodb.table", table, "3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.'");
        }
        URI endpoint = s.httpUrl("directory.dynamodb.endpoint", false, "http://127.0.0.1:8000");
        String region = s.string("directory.dynamodb.region", "eu-west-1");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            s.problem("directory.dynamodb.region", region, "an AWS region such as eu-west-1");
        }
        int segments = s.integer("directory.dynamodb.scan-segments", 8, 1, 1024);
        int cacheSize = s.integer("directory.cache-size", 100_000, 0, 10_000_000);
        Duration cacheExpiry = s.duration("directory.cache-expiry", Duration.ofMinutes(5));
        int loads = s.integer("directory.max-loads-in-flight", 64, 1, 4096);
        Optional<Duration> refresh = Optional.empty();
        String refreshText =
                s.stringOrOff("directory.refresh", "off", "off", "off, or a duration of at least 1s such as 5m");
        if (!refreshText.equals("off")) {
            Duration parsed = Durations.parse(refreshText);
            if (parsed == null || parsed.compareTo(Duration.ofSeconds(1)) < 0) {
                s.problem("directory.refresh", refreshText, "off, or a duration of at least 1s such as 5m");
            } else {
                refresh = Optional.of(parsed);
            }
        }
        boolean watch = s.bool("directory.watch", true);
        Duration watchInterval = s.duration("directory.watch-interval", Duration.ofSeconds(1));
        return new DirectorySettings(
                store,
                table,
                Optional.ofNullable(endpoint),
                region,
                segments,
                cacheSize,
                cacheExpiry,
                loads,
                refresh,
                watch,
                watchInterval);
    }

    private static boolean isTableName(String name) {
        return name.length() >= 3 && name.length() <= 255 && name.matches("[A-Za-z0-9_.-]+");
    }

    private static QueueSettings queue(Settings s, Deadlines deadlines) {
        URI url = s.httpUrl("queue.url", false, "https://sqs.eu-west-1.amazonaws.com/123456789012/cutover-retry");
        String region = s.string("queue.region", "eu-west-1");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            s.problem("queue.region", region, "an AWS region such as eu-west-1");
        }
        URI endpoint = s.httpUrl("queue.endpoint", false, "http://127.0.0.1:9324");
        String credentials = s.string("queue.credentials", "default");
        if (!credentials.equals("default") && !credentials.equals("anonymous")) {
            s.problem("queue.credentials", credentials, "default or anonymous");
        }
        int maxBatch = s.integer("queue.max-batch", 10, 1, 10);
        Duration linger = s.duration("queue.linger", Duration.ofMillis(5));
        Duration ackTimeout = s.duration("queue.ack-timeout", Duration.ofMillis(100));
        Duration drainInterval = s.duration("queue.drain-interval", Duration.ofSeconds(1));
        Duration shortest =
                deadlines.click().compareTo(deadlines.conversion()) < 0 ? deadlines.click() : deadlines.conversion();
        if (ackTimeout.compareTo(shortest.dividedBy(2)) > 0) {
            s.problem(
                    "queue.ack-timeout",
                    Durations.format(ackTimeout),
                    "at most half the shortest deadline, " + Durations.format(shortest.dividedBy(2)));
        }
        if (linger.compareTo(ackTimeout) >= 0) {
            s.problem(
                    "queue.linger",
                    Durations.format(linger),
                    "< queue.ack-timeout (" + Durations.format(ackTimeout) + ")");
        }
        return new QueueSettings(
                Optional.ofNullable(url),
                region,
                Optional.ofNullable(endpoint),
                credentials.equals("anonymous"),
                maxBatch,
                linger,
                ackTimeout,
                drainInterval);
    }

    private static CookieSettings cookies(Settings s, Optional<String> domain) {
        CookiePolicy defaults = CookiePolicy.defaults();
        String phaseText = s.string("cookies.default-phase", Phase.DUAL.toString());
        Phase phase = Phase.parse(phaseText).orElse(null);
        if (phase == null) {
            s.problem("cookies.default-phase", phaseText, Phase.NAMES);
            phase = Phase.DUAL;
        }
        Duration maxLifetime = s.duration("cookies.max-lifetime", defaults.maxLifetime());
        int maxCount = s.integer("cookies.max-count", defaults.maxCookies(), 1, 1000);
        int maxBytes = s.bytes("cookies.max-bytes", defaults.maxCookieBytes(), 64, 65536);
        String legacyName = s.string("cookies.legacy-click-cookie", defaults.legacyClickCookie());
        Duration legacyLifetime = s.duration("cookies.legacy-click-lifetime", defaults.legacyClickLifetime());
        boolean crossSite = s.bool("cookies.cross-site", defaults.crossSite());
        int vendor = s.integer("cookies.tcf-vendor-id", 0, 0, 65535);
        try {
            return new CookieSettings(
                    phase,
                    new CookiePolicy(
                            domain,
                            maxLifetime,
                            maxCount,
                            maxBytes,
                            legacyName,
                            legacyLifetime,
                            crossSite,
                            vendor == 0 ? OptionalInt.empty() : OptionalInt.of(vendor)));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("domain:")) {
                s.problem("cookies.domain", domain.orElse(""), "a domain such as .shareasale.com");
            } else {
                s.problem(
                        "cookies.legacy-click-cookie",
                        legacyName,
                        "a cookie name that is not one of Awin's: letters, digits, _ or -, optionally with {merchant}");
            }
            return new CookieSettings(phase, defaults);
        }
    }

    private static SpoolSettings spool(Settings s) {
        Path dir = s.path(s.string("spool.dir", "spool"));
        long maxSize = s.longBytes("spool.max-size", 256L * 1024 * 1024, 1024 * 1024, 1L << 40);
        long segmentSize = s.longBytes("spool.segment-size", 4L * 1024 * 1024, 64 * 1024, 1L << 30);
        int maxBatch = s.integer("spool.max-batch", 256, 1, 65536);
        int warnPercent = s.integer("spool.warn-at-percent", 80, 1, 100);
        if (segmentSize > maxSize) {
            s.problem("spool.segment-size", segmentSize, "at most spool.max-size (" + maxSize + " bytes)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            s.problem("spool.dir", dir, "a folder (it is a file)");
        }
        return new SpoolSettings(dir, maxSize, segmentSize, maxBatch, warnPercent);
    }

    private static ReplaySettings replay(Settings s, QueueSettings queue) {
        boolean enabled = s.bool("replay.enabled", false);
        Duration pollWait = s.duration("replay.poll-wait", Duration.ofSeconds(20));
        int batchSize = s.integer("replay.batch-size", 10, 1, ReplaySettings.MAX_BATCH);
        int concurrency = s.integer("replay.concurrency", 32, 1, 1024);
        Duration backoffBase = s.duration("replay.backoff-base", Duration.ofSeconds(1));
        Duration backoffMax = s.duration("replay.backoff-max", Duration.ofMinutes(5));
        int maxReceives = s.integer("replay.max-receives", 8, 1, 1000);
        Duration visibility = s.duration("replay.visibility-timeout", Duration.ofSeconds(60));
        Optional<String> deadLetters = s.optionalString("replay.dead-letter-queue-url");
        if (pollWait.compareTo(Duration.ofSeconds(1)) < 0 || pollWait.compareTo(ReplaySettings.MAX_POLL_WAIT) > 0) {
            s.problem("replay.poll-wait", pollWait, "1s to 20s (SQS's long-polling bound)");
            pollWait = Duration.ofSeconds(20);
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            s.problem("replay.backoff-max", backoffMax, ">= replay.backoff-base (" + backoffBase + ")");
            backoffMax = backoffBase;
        }
        if (visibility.compareTo(Duration.ofSeconds(1)) < 0
                || visibility.compareTo(ReplaySettings.MAX_VISIBILITY) > 0) {
            s.problem("replay.visibility-timeout", visibility, "1s to 12h");
            visibility = Duration.ofSeconds(60);
        }
        deadLetters.ifPresent(u -> {
            if (!isAbsoluteUrl(u)) {
                s.problem("replay.dead-letter-queue-url", u, "the dead-letter queue's URL");
            }
        });
        if (enabled && queue.url().isEmpty()) {
            s.problem("queue.url", null, "the retry queue's URL when replay.enabled is true");
        }
        if (enabled && deadLetters.isEmpty()) {
            s.problem("replay.dead-letter-queue-url", null, "the dead-letter queue's URL when replay.enabled is true");
            enabled = false;
        }
        return new ReplaySettings(
                enabled,
                pollWait,
                batchSize,
                concurrency,
                backoffBase,
                backoffMax,
                maxReceives,
                visibility,
                deadLetters);
    }

    /**
     * A backend's guard: its breaker, bulkhead and retries. Every key is read (and so known) even
     * for a backend that is not configured; cross-field checks name both keys.
     */
    private static GuardSettings guard(Settings s, String name, BackendSettings backend) {
        String prefix = "backends." + name + ".";
        BreakerSettings d = BreakerSettings.defaults();
        int failureRate = s.integer(prefix + "breaker.failure-rate-threshold", d.failureRatePercent(), 1, 100);
        int slowRate = s.integer(prefix + "breaker.slow-call-rate-threshold", d.slowCallRatePercent(), 1, 100);
        Duration responseTimeout = backend == null ? Duration.ofMillis(500) : backend.responseTimeout();
        // Unset, a call is slow past 60 % of the response timeout: it answered, but barely.
        Duration slowCall = s.duration(
                prefix + "breaker.slow-call-duration",
                responseTimeout.multipliedBy(6).dividedBy(10));
        int window = s.integer(prefix + "breaker.window-size", d.windowSize(), 1, 10_000);
        int minimumCalls = s.integer(prefix + "breaker.minimum-calls", d.minimumCalls(), 1, 10_000);
        Duration openFor = s.duration(prefix + "breaker.open-for", d.openFor());
        int probes = s.integer(prefix + "breaker.half-open-probes", d.halfOpenProbes(), 1, 1000);
        int maxInFlight = s.integer(
                prefix + "bulkhead.max-in-flight", GuardSettings.defaults().maxInFlight(), 1, 1_000_000);
        RetrySettings r = RetrySettings.defaults();
        int maxRetries = s.integer(prefix + "retry.max-retries", r.maxRetries(), 0, 5);
        Duration backoff = s.duration(prefix + "retry.backoff", r.backoff());
        Duration maxBackoff = s.duration(prefix + "retry.max-backoff", r.maxBackoff());
        double ratio = s.decimal(prefix + "retry.budget-ratio", r.budgetRatio(), 0, 1);
        int minPerSecond = s.integer(prefix + "retry.min-per-second", r.minPerSecond(), 0, 100_000);
        Duration budgetWindow = s.duration(prefix + "retry.budget-window", r.budgetWindow());
        boolean valid = true;
        if (minimumCalls > window) {
            s.problem(
                    prefix + "breaker.minimum-calls", minimumCalls, "<= " + prefix + "breaker.window-size, " + window);
            valid = false;
        }
        if (backend != null && slowCall.compareTo(responseTimeout) > 0) {
            s.problem(
                    prefix + "breaker.slow-call-duration",
                    Durations.format(slowCall),
                    "<= " + prefix + "response-timeout, " + Durations.format(responseTimeout));
            valid = false;
        }
        if (maxBackoff.compareTo(backoff) < 0) {
            s.problem(
                    prefix + "retry.max-backoff",
                    Durations.format(maxBackoff),
                    ">= " + prefix + "retry.backoff, " + Durations.format(backoff));
            valid = false;
        }
        if (budgetWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            s.problem(prefix + "retry.budget-window", Durations.format(budgetWindow), ">= 1s");
            valid = false;
        }
        if (!valid) {
            return GuardSettings.defaults();
        }
        return new GuardSettings(
                new BreakerSettings(failureRate, slowRate, slowCall, window, minimumCalls, openFor, probes),
                maxInFlight,
                new RetrySettings(maxRetries, backoff, maxBackoff, ratio, minPerSecond, budgetWindow));
    }

    private static boolean isPublisherId(String id) {
        if (id.isEmpty() || id.length() > 18 || id.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static BackendSettings backend(Settings s, String name, boolean required, String example) {
        String prefix = "backends." + name + ".";
        URI url = s.httpUrl(prefix + "url", required, example);
        String hostHeader = s.string(prefix + "host-header", null);
        Duration connectTimeout = s.duration(prefix + "connect-timeout", Duration.ofMillis(250));
        Duration responseTimeout = s.duration(prefix + "response-timeout", Duration.ofMillis(500));
        int maxConnections = s.integer(prefix + "max-connections", 256, 1, 65535);
        Duration idleTimeout = s.duration(prefix + "idle-timeout", Duration.ofSeconds(20));
        int maxResponseSize = s.bytes(prefix + "max-response-size", 1024 * 1024, 1024, 64 * 1024 * 1024);
        if (url == null) {
            return null;
        }
        if (url.getRawPath() != null
                && !url.getRawPath().isEmpty()
                && !url.getRawPath().equals("/")) {
            s.problem(prefix + "url", url, "a base URL without a path, such as " + example);
        }
        if (hostHeader != null && !HostNames.isHostName(hostHeader.replaceFirst(":\\d+$", ""))) {
            s.problem(prefix + "host-header", hostHeader, "a host name such as www.shareasale.com");
        }
        return new BackendSettings(
                name,
                url,
                hostHeader != null ? hostHeader : defaultHost(url),
                connectTimeout,
                responseTimeout,
                maxConnections,
                idleTimeout,
                maxResponseSize);
    }

    private static String defaultHost(URI url) {
        boolean defaultPort = url.getPort() < 0
                || (url.getPort() == 443 && "https".equalsIgnoreCase(url.getScheme()))
                || (url.getPort() == 80 && "http".equalsIgnoreCase(url.getScheme()));
        return defaultPort ? url.getHost() : url.getHost() + ':' + url.getPort();
    }

    private static boolean isAbsoluteUrl(String text) {
        try {
            return new URI(text).getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
