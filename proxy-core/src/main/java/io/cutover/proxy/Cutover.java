package io.cutover.proxy;

import io.cutover.cookie.CookieHeader;
import io.cutover.cookie.SetCookieRewriter;
import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.guard.GuardListener;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.failover.guard.RetryPolicy;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.Directory;
import io.cutover.ops.health.CheckResult;
import io.cutover.ops.health.Health;
import io.cutover.ops.health.ReadinessCheck;
import io.cutover.ops.log.AccessLog;
import io.cutover.ops.metrics.EdgeMetrics;
import io.cutover.ops.metrics.EventMetrics;
import io.cutover.ops.metrics.GuardMetrics;
import io.cutover.ops.metrics.ReceivedMetrics;
import io.cutover.ops.metrics.ReloadMetrics;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.proxy.admin.AdminChannelInitializer;
import io.cutover.proxy.config.CutoverConfig;
import io.cutover.proxy.config.RateLimitSettings;
import io.cutover.proxy.flow.ClientRateLimit;
import io.cutover.proxy.flow.ClientResponses;
import io.cutover.proxy.flow.EventRecorder;
import io.cutover.proxy.flow.FlowObserver;
import io.cutover.proxy.flow.GuardRecorder;
import io.cutover.proxy.flow.TokenBuckets;
import io.cutover.proxy.flow.TrackingFlow;
import io.cutover.proxy.origin.Origins;
import io.cutover.proxy.queue.RunningRetryQueue;
import io.cutover.proxy.reload.ReloadResult;
import io.cutover.proxy.reload.Reloader;
import io.cutover.proxy.reload.SnapshotLoader;
import io.cutover.proxy.reload.Snapshots;
import io.cutover.proxy.replay.ReplayService;
import io.cutover.proxy.server.ClientChannelInitializer;
import io.cutover.proxy.server.ConnectionLimiter;
import io.cutover.proxy.server.ProxyServer;
import io.cutover.proxy.server.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A running Cutover: the client listener and its event loops, the origins, the admin listener,
 * metrics and the access log, wired from one validated {@link CutoverConfig}. {@link #close}
 * stops it in reverse order.
 */
public final class Cutover implements AutoCloseable {

    /** Attempts with less budget than this are not started: they could not answer in time. */
    private static final long MINIMUM_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final CutoverConfig config;
    private final Transport transport;
    private final EventLoopGroup loops;
    private final EventLoopGroup adminLoop;
    private final Telemetry telemetry;
    private final AccessLog accessLog;
    private final Map<String, BackendGuard> guards = new LinkedHashMap<>();
    private final Map<String, RetryPolicy> retries = new LinkedHashMap<>();
    private final Origins origins;
    private final RunningRetryQueue retryQueue;
    private final AtomicReference<Translator> translator;
    private final Reloader reloader;
    private volatile ProxyServer server;
    private volatile ProxyServer admin;
    private final ReplayService replay;

    /**
     * Binds the admin listener first (so liveness answers and readiness says what is missing),
     * then loads the first snapshot, then binds the client listener: no request is taken before
     * the mapping and the directory are loaded.
     *
     * @param initial the first snapshot, or {@code null} to load it with {@code loader}
     */
    private Cutover(CutoverConfig config, SnapshotLoader loader, Translator initial, Clock clock, LongSupplier ticker) {
        this.config = config;
        this.transport = Transport.select(config.server().transport());
        this.translator = new AtomicReference<>();
        this.telemetry = Telemetry.create("cutover");
        this.accessLog = accessLog(config.accessLog(), telemetry);
        EventMetrics metrics = new EventMetrics(telemetry.meter(), EventRecorder.vocabulary());
        FlowObserver observer = new EventRecorder(
                metrics,
                new ReceivedMetrics(
                        telemetry.meter(), EventRecorder.vocabulary().kinds()),
                accessLog,
                clock);
        this.retryQueue = RunningRetryQueue.start(config.queue(), config.spool(), telemetry.meter(), ticker);

        this.loops = new MultiThreadIoEventLoopGroup(
                config.server().effectiveEventLoops(),
                new DefaultThreadFactory("cutover-loop"),
                transport.ioHandlerFactory());
        this.adminLoop = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("cutover-admin"), transport.ioHandlerFactory());
        List<String> states = new ArrayList<>();
        for (BreakerState state : BreakerState.values()) {
            states.add(state.tag());
        }
        GuardMetrics guardMetrics = new GuardMetrics(telemetry.meter(), states);
        GuardListener guardListener = new GuardRecorder(guardMetrics);
        guard("primary", config.guards().primary(), guardMetrics, guardListener, clock, ticker);
        config.guards()
                .legacy()
                .ifPresent(settings -> guard("legacy", settings, guardMetrics, guardListener, clock, ticker));
        SetCookieRewriter cookies =
                config.cookieDomain().map(SetCookieRewriter::toDomain).orElseGet(SetCookieRewriter::hostOnly);
        this.origins = new Origins(
                loops,
                transport,
                config.primary(),
                config.legacy(),
                headers -> CookieHeader.forPrimary(headers.cookie()).orElse(null),
                headers -> CookieHeader.forLegacy(headers.cookie()).orElse(null),
                ticker,
                MINIMUM_ATTEMPT_NANOS,
                guards::get,
                retries::get);
        // The replayer waits while a backend's breaker is open (or its bulkhead full): replays
        // then never add to an outage, and resume when the breaker lets calls through again.
        BackendGuard primaryGuard = guards.get("primary");
        BackendGuard legacyGuard = guards.get("legacy");
        this.replay = config.replay().enabled()
                ? ReplayService.start(
                        config,
                        transport,
                        telemetry,
                        accessLog,
                        clock,
                        ticker,
                        primaryGuard::isCallPermitted,
                        legacyGuard == null ? () -> true : legacyGuard::isCallPermitted)
                : null;
        EdgeMetrics edgeMetrics = new EdgeMetrics(telemetry.meter());
        ConnectionLimiter limiter = new ConnectionLimiter(config.edge(), edgeMetrics::refused);
        edgeMetrics.watchConnections(limiter::open);
        TrackingFlow flow = new TrackingFlow(
                translator::get,
                origins,
                EventIds.system(),
                config.deadlines(),
                config.fallbackLanding(),
                new ClientResponses(cookies::rewrite),
                observer,
                retryQueue,
                config.queue().ackTimeout(),
                clock,
                ticker,
                rateLimit(config.rateLimit(), edgeMetrics, ticker));
        ReloadMetrics reloadMetrics = new ReloadMetrics(
                telemetry.meter(),
                () -> Snapshots.merchants(translator.get()),
                () -> Snapshots.affiliates(translator.get()));
        reloadMetrics.directoryLoads(
                telemetry.meter(),
                loader.loadCounts()::started,
                loader.loadCounts()::skipped,
                loader.loadCounts()::failed);
        this.reloader = new Reloader(loader, translator, reloadMetrics, config.directory(), clock);
        Health health = Health.builder()
                .check("listener", () -> {
                    ProxyServer bound = server;
                    return bound != null
                            ? CheckResult.up("accepting on port " + bound.port())
                            : CheckResult.down("not bound yet");
                })
                .check("mapping", () -> Snapshots.mappingCheck(translator.get()))
                .check("directory", () -> Snapshots.directoryCheck(translator.get()))
                .check(
                        "retry-queue",
                        ReadinessCheck.of(
                                () -> retryQueue.sqsAvailable()
                                        || retryQueue.spool().bytes()
                                                < retryQueue.spool().maxBytes(),
                                "SQS or the spool takes events",
                                "SQS down and the spool full: local answers overflow"))
                .build();
        try {
            this.admin = config.admin().enabled()
                    ? ProxyServer.bind(
                            "admin",
                            config.admin().host(),
                            config.admin().port(),
                            adminLoop,
                            transport,
                            new AdminChannelInitializer(telemetry, health, () -> reloader.reload("admin"), replay))
                    : null;
            translator.set(initial != null ? initial : Reloader.initial(loader, null));
            reloadMetrics.swapped(clock.instant().getEpochSecond());
            this.server = ProxyServer.bind(
                    "server",
                    config.server().host(),
                    config.server().port(),
                    loops,
                    transport,
                    new ClientChannelInitializer(
                            config.server(), config.edge(), limiter, edgeMetrics::refused, flow, ticker));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        reloader.start();
    }

    /** Each client's allowance, or none; its refusals counted by link kind. */
    private static ClientRateLimit rateLimit(RateLimitSettings settings, EdgeMetrics metrics, LongSupplier ticker) {
        if (!settings.enabled()) {
            return ClientRateLimit.NONE;
        }
        TokenBuckets buckets =
                new TokenBuckets(settings.requestsPerSecond(), settings.burst(), settings.maxClients(), ticker);
        return new ClientRateLimit() {
            @Override
            public long admit(String clientIp) {
                return buckets.admit(clientIp);
            }

            @Override
            public void limited(String kindTag) {
                metrics.rateLimited(kindTag);
            }
        };
    }

    private void guard(
            String name,
            GuardSettings settings,
            GuardMetrics guardMetrics,
            GuardListener listener,
            Clock clock,
            LongSupplier ticker) {
        BackendGuard guard = new BackendGuard(name, settings, clock, listener);
        guardMetrics.watch(name, () -> guard.state().tag(), guard::inFlight);
        guards.put(name, guard);
        retries.put(
                name,
                new RetryPolicy(
                        name,
                        settings.retry(),
                        ticker,
                        () -> ThreadLocalRandom.current().nextDouble(),
                        listener));
    }

    /**
     * Loads the mapping table and directory the config names (the directory preloaded whole),
     * then starts everything; both are then reloaded as they change.
     */
    public static Cutover start(CutoverConfig config) {
        return new Cutover(config, SnapshotLoader.of(config), null, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * Starts with an already built translator (the sandbox and tests use their own). A reload
     * compiles the mapping the config names again and keeps this translator's directory.
     */
    public static Cutover start(CutoverConfig config, Translator translator, Clock clock, LongSupplier ticker) {
        return new Cutover(config, SnapshotLoader.ofMappingOnly(config), translator, clock, ticker);
    }

    /**
     * Starts with the mapping the config names and a directory of the caller's (the sandbox's
     * simulated merchants); a reload compiles the mapping again and keeps this directory.
     */
    public static Cutover start(CutoverConfig config, Directory directory, Clock clock, LongSupplier ticker) {
        SnapshotLoader loader = SnapshotLoader.ofMappingOnly(config);
        Translator initial;
        try {
            initial = Reloader.initial(loader, directory);
        } catch (RuntimeException e) {
            loader.close();
            throw e;
        }
        return new Cutover(config, loader, initial, clock, ticker);
    }

    /**
     * The mapping table and directory the config names: the built-in ones where it names none.
     * For tools that translate without serving ({@code check}); the directory's single-key loads
     * are not available to them.
     */
    public static Translator loadTranslator(CutoverConfig config) {
        try (SnapshotLoader loader = SnapshotLoader.of(config)) {
            return Reloader.initial(loader, null);
        }
    }

    private static AccessLog accessLog(String target, Telemetry telemetry) {
        switch (target) {
            case "off":
                return null;
            case "stdout":
                return AccessLog.toStream(System.out, AccessLog.DEFAULT_CAPACITY, telemetry.meter());
            default:
                try {
                    return AccessLog.toFile(Path.of(target), AccessLog.DEFAULT_CAPACITY, telemetry.meter());
                } catch (IOException e) {
                    throw new UncheckedIOException("access-log: " + target + " (expected: a writable file)", e);
                }
        }
    }

    /**
     * Reloads the mapping and the directory now, as {@code POST /admin/reload} does; the old
     * snapshot keeps serving when the new one is refused.
     */
    public CompletableFuture<ReloadResult> reload() {
        return reloader.reload("admin");
    }

    /** Swaps in a new translator atomically; requests in flight finish with the old one. */
    public void swapTranslator(Translator next) {
        translator.set(next);
    }

    public Translator translator() {
        return translator.get();
    }

    public int port() {
        return server == null ? -1 : server.port();
    }

    /** The admin listener's port, or -1 when it is disabled. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    public CutoverConfig config() {
        return config;
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return transport.name();
    }

    public int eventLoops() {
        return config.server().effectiveEventLoops();
    }

    /** The retry queue that locally answered events go to. */
    public RunningRetryQueue retryQueue() {
        return retryQueue;
    }

    /** The replayer and dead letters, when {@code replay.enabled}. */
    public Optional<ReplayService> replay() {
        return Optional.ofNullable(replay);
    }

    /**
     * The guard of a backend ({@code primary}, or {@code legacy} when configured): its breaker
     * state, and {@link BackendGuard#isCallPermitted()}, the cheap non-blocking question "may a
     * call go to this backend now" that takes no permission. Safe from any thread.
     *
     * @throws IllegalArgumentException for a backend that is not configured
     */
    public BackendGuard guard(String backend) {
        BackendGuard guard = guards.get(backend);
        if (guard == null) {
            throw new IllegalArgumentException(
                    "backend: " + backend + " (expected: one of " + String.join(", ", guards.keySet()) + ")");
        }
        return guard;
    }

    /** Open origin connections per backend; not to be called from a Cutover event loop. */
    public Map<String, Integer> openOriginConnections() {
        return origins.openConnections();
    }

    /**
     * Stops accepting, lets the event loops finish what they hold (a quiet period of 100 ms, at
     * most 2 s; their connections close with them), closes the retry queue (its events on SQS
     * or in the spool, fsync'd), then flushes the access log and metrics.
     */
    @Override
    public void close() {
        reloader.close();
        if (server != null) {
            server.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (replay != null) {
            replay.close();
        }
        loops.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        adminLoop.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).syncUninterruptibly();
        origins.close();
        retryQueue.close();
        if (accessLog != null) {
            accessLog.close();
        }
        telemetry.close();
    }
}
