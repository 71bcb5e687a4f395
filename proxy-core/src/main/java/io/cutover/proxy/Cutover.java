package io.cutover.proxy;

import io.cutover.cookie.CookieBridge;
import io.cutover.cookie.CookieProblem;
import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.guard.GuardListener;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.failover.guard.RetryPolicy;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.Directory;
import io.cutover.ops.admin.SyntheticStatus;
import io.cutover.ops.health.CheckResult;
import io.cutover.ops.health.Health;
import io.cutover.ops.health.ReadinessCheck;
import io.cutover.ops.live.LiveStats;
import io.cutover.ops.log.AccessLog;
import io.cutover.ops.metrics.BulkheadMetrics;
import io.cutover.ops.metrics.CookieMetrics;
import io.cutover.ops.metrics.DirectoryCacheMetrics;
import io.cutover.ops.metrics.EdgeMetrics;
import io.cutover.ops.metrics.EventMetrics;
import io.cutover.ops.metrics.GuardMetrics;
import io.cutover.ops.metrics.QueueDepthMetrics;
import io.cutover.ops.metrics.ReceivedMetrics;
import io.cutover.ops.metrics.RedirectMetrics;
import io.cutover.ops.metrics.ReloadMetrics;
import io.cutover.ops.metrics.RequestMetrics;
import io.cutover.ops.metrics.SyntheticMetrics;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.ops.metrics.TlsMetrics;
import io.cutover.ops.trace.RequestSpans;
import io.cutover.ops.trace.Tracing;
import io.cutover.proxy.admin.AdminChannelInitializer;
import io.cutover.proxy.config.CutoverConfig;
import io.cutover.proxy.config.Http2Limits;
import io.cutover.proxy.config.RateLimitSettings;
import io.cutover.proxy.flow.ClientRateLimit;
import io.cutover.proxy.flow.ClientResponses;
import io.cutover.proxy.flow.CookieAnswers;
import io.cutover.proxy.flow.EventRecorder;
import io.cutover.proxy.flow.FlowObserver;
import io.cutover.proxy.flow.FlowObservers;
import io.cutover.proxy.flow.GuardListeners;
import io.cutover.proxy.flow.GuardRecorder;
import io.cutover.proxy.flow.LiveRecorder;
import io.cutover.proxy.flow.RedirectGuard;
import io.cutover.proxy.flow.RequestRecorder;
import io.cutover.proxy.flow.TokenBuckets;
import io.cutover.proxy.flow.TraceRecorder;
import io.cutover.proxy.flow.TrackingFlow;
import io.cutover.proxy.origin.Origins;
import io.cutover.proxy.queue.QueueWatch;
import io.cutover.proxy.queue.RunningRetryQueue;
import io.cutover.proxy.reload.ReloadResult;
import io.cutover.proxy.reload.Reloader;
import io.cutover.proxy.reload.SnapshotLoader;
import io.cutover.proxy.reload.Snapshots;
import io.cutover.proxy.replay.ReplayService;
import io.cutover.proxy.replay.SqsClients;
import io.cutover.proxy.server.ClientChannelInitializer;
import io.cutover.proxy.server.ConnectionLimiter;
import io.cutover.proxy.server.Drain;
import io.cutover.proxy.server.ProxyServer;
import io.cutover.proxy.server.Transport;
import io.cutover.proxy.synthetic.SyntheticProber;
import io.cutover.proxy.synthetic.SyntheticWitness;
import io.cutover.proxy.tls.ServerCertificates;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * A running Cutover: the client listener and its event loops, the origins, the admin listener,
 * metrics and the access log, wired from one validated {@link CutoverConfig}. {@link #close}
 * stops it in reverse order.
 */
public final class Cutover implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Cutover.class);

    /** The longest a drain waits for the spool to reach SQS before the process exits anyway. */
    private static final Duration FLUSH_BOUND = Duration.ofSeconds(15);

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
    private volatile ProxyServer tlsServer;
    private final ServerCertificates certificates;
    private volatile ProxyServer admin;
    private final ReplayService replay;
    private final LongSupplier ticker;
    private final Clock clock;
    private final Drain drain;
    private final AtomicBoolean drainStarted = new AtomicBoolean();
    private final CompletableFuture<Boolean> drained = new CompletableFuture<>();
    private volatile Long drainStartedAt;
    private final CutoverOperations operations;
    private final Tracing tracing;
    private final QueueWatch queueWatch;
    private final SqsAsyncClient queueWatchSqs;
    private final SyntheticWitness syntheticWitness;
    private final SyntheticMetrics syntheticMetrics;
    private volatile SyntheticProber synthetic;

    /**
     * Binds the admin listener first (so liveness answers and readiness says what is missing),
     * then loads the first snapshot, then binds the client listener: no request is taken before
     * the mapping and the directory are loaded.
     *
     * @param initial the first snapshot, or {@code null} to load it with {@code loader}
     */
    private Cutover(CutoverConfig config, SnapshotLoader loader, Translator initial, Clock clock, LongSupplier ticker) {
        this.config = config;
        this.clock = clock;
        this.ticker = ticker;
        this.drain = new Drain(ticker);
        this.transport = Transport.select(config.server().transport());
        this.translator = new AtomicReference<>();
        this.telemetry = Telemetry.create("cutover");
        this.accessLog = accessLog(config.accessLog(), telemetry);
        EventMetrics metrics = new EventMetrics(telemetry.meter(), EventRecorder.vocabulary());
        this.tracing = config.ops().tracing().enabled()
                ? Tracing.otlp(
                        "cutover",
                        config.ops().tracing().otlpEndpoint().orElseThrow(),
                        config.ops().tracing().exportTimeout(),
                        config.ops().tracing().sampleRatio())
                : null;
        this.syntheticWitness = config.ops().synthetic().enabled() ? new SyntheticWitness() : null;
        this.syntheticMetrics = new SyntheticMetrics(telemetry.meter());
        List<FlowObserver> observers = new ArrayList<>();
        observers.add(new EventRecorder(
                metrics,
                new ReceivedMetrics(
                        telemetry.meter(), EventRecorder.vocabulary().kinds()),
                accessLog,
                clock));
        observers.add(new RequestRecorder(
                new RequestMetrics(telemetry.meter(), RequestRecorder.endpoints(), RequestRecorder.fates())));
        if (tracing != null) {
            observers.add(new TraceRecorder(new RequestSpans(tracing.tracer()), clock));
        }
        if (syntheticWitness != null) {
            observers.add(syntheticWitness);
        }
        LiveRecorder live = new LiveRecorder(new LiveStats(LiveRecorder.routes(), LiveRecorder.fates(), clock::millis));
        observers.add(live);
        FlowObserver observer = FlowObservers.of(observers.toArray(FlowObserver[]::new));
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
        BulkheadMetrics bulkheadMetrics = new BulkheadMetrics(telemetry.meter());
        GuardListener guardListener = GuardListeners.of(new GuardRecorder(guardMetrics), live);
        guard("primary", config.guards().primary(), guardMetrics, bulkheadMetrics, guardListener, clock, ticker);
        config.guards()
                .legacy()
                .ifPresent(settings ->
                        guard("legacy", settings, guardMetrics, bulkheadMetrics, guardListener, clock, ticker));
        CookieMetrics cookieMetrics = new CookieMetrics(
                telemetry.meter(),
                java.util.Arrays.stream(CookieProblem.values())
                        .map(CookieProblem::tag)
                        .toList());
        CookieBridge cookies =
                new CookieBridge(config.cookies().policy(), clock, problem -> cookieMetrics.ignored(problem.tag()));
        this.origins = new Origins(
                loops,
                transport,
                config.primary(),
                config.legacy(),
                headers -> cookies.forPrimary(headers.cookie()).orElse(null),
                headers -> cookies.forLegacy(headers.cookie()).orElse(null),
                ticker,
                MINIMUM_ATTEMPT_NANOS,
                guards::get,
                retries::get,
                config.tls());
        // The replayer waits while a backend's breaker is open (or its bulkhead full): replays
        // then never add to an outage, and resume when the breaker lets calls through again.
        BackendGuard primaryGuard = guards.get("primary");
        BackendGuard legacyGuard = guards.get("legacy");
        QueueDepthMetrics queueDepth = new QueueDepthMetrics(telemetry.meter());
        this.queueWatchSqs = config.queue().url().isPresent() ? SqsClients.create(config.queue()) : null;
        this.queueWatch = queueWatchSqs == null
                ? null
                : new QueueWatch(
                        queueWatchSqs,
                        config.queue().url().orElseThrow().toString(),
                        config.replay().deadLetterQueueUrl().orElse(null),
                        queueDepth,
                        clock);
        this.replay = config.replay().enabled()
                ? ReplayService.start(
                        config,
                        transport,
                        telemetry,
                        accessLog,
                        clock,
                        ticker,
                        primaryGuard::isCallPermitted,
                        legacyGuard == null ? () -> true : legacyGuard::isCallPermitted,
                        queueWatch)
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
                new ClientResponses(new CookieAnswers(cookies, config.cookies().defaultPhase(), translator::get)),
                observer,
                retryQueue,
                config.queue().ackTimeout(),
                clock,
                ticker,
                new RedirectGuard(
                        translator::get,
                        config.fallbackLanding(),
                        new RedirectMetrics(telemetry.meter(), RedirectGuard.sources(), RedirectGuard.reasons())),
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
        new DirectoryCacheMetrics(
                telemetry.meter(),
                loader.loadCounts()::preloadHits,
                loader.loadCounts()::cacheHits,
                loader.loadCounts()::misses);
        this.reloader = new Reloader(loader, translator, reloadMetrics, config.directory(), clock);
        Health health = Health.builder()
                .check("listener", () -> {
                    ProxyServer bound = server;
                    if (drain.draining()) {
                        return CheckResult.down("draining: " + drain.inFlight() + " requests in flight");
                    }
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
        ServerCertificates loaded = null;
        AtomicReference<ServerCertificates> served = new AtomicReference<>();
        try {
            // Before anything binds: a certificate that cannot be used stops start-up with its file.
            loaded = config.tls()
                    .listener()
                    .map(listener -> {
                        TlsMetrics tlsMetrics = new TlsMetrics(telemetry.meter(), () -> {
                            ServerCertificates current = served.get();
                            return current == null ? 0 : current.notAfter().getEpochSecond();
                        });
                        return ServerCertificates.load(listener, tlsMetrics::reloaded);
                    })
                    .orElse(null);
            served.set(loaded);
        } catch (RuntimeException e) {
            this.certificates = null;
            close();
            throw e;
        }
        this.certificates = loaded;
        live.stats()
                .counter("replayed", () -> replay == null ? 0 : replay.replayed())
                .counter("dead", () -> replay == null ? 0 : replay.dead())
                .gauge("spooled", () -> retryQueue.spool().records())
                .gauge("replaying", () -> replay == null ? 0 : replay.inFlight());
        this.operations = new CutoverOperations(
                guards,
                retryQueue,
                replay,
                reloader,
                translator::get,
                live.stats(),
                health,
                drain,
                this::drain,
                () -> drainStartedAt,
                clock);
        try {
            this.admin = config.admin().enabled()
                    ? ProxyServer.bind(
                            "admin",
                            config.admin().host(),
                            config.admin().port(),
                            adminLoop,
                            transport,
                            new AdminChannelInitializer(
                                    telemetry, health, config.control().token(), operations))
                    : null;
            // The live view's seconds close on the admin loop: memory work only, no I/O.
            adminLoop.scheduleAtFixedRate(() -> live.stats().tick(clock.millis()), 1000, 1000, TimeUnit.MILLISECONDS);
            translator.set(initial != null ? initial : Reloader.initial(loader, null));
            reloadMetrics.swapped(clock.instant().getEpochSecond());
            // Both listeners share the flow, the edge rules, one connection count and the drain.
            BiFunction<ServerCertificates, Http2Limits, ClientChannelInitializer> listener =
                    (tls, http2) -> new ClientChannelInitializer(
                            config.server(),
                            config.edge(),
                            limiter,
                            edgeMetrics::refused,
                            flow,
                            ticker,
                            drain,
                            tls,
                            http2);
            this.server = ProxyServer.bind(
                    "server",
                    config.server().host(),
                    config.server().port(),
                    loops,
                    transport,
                    listener.apply(null, null));
            if (certificates != null) {
                this.tlsServer = ProxyServer.bind(
                        "tls",
                        config.tls().listener().get().host(),
                        config.tls().listener().get().port(),
                        loops,
                        transport,
                        listener.apply(
                                certificates, config.tls().listener().get().http2()));
                certificates.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        reloader.start();
        if (queueWatch != null) {
            queueWatch.start(config.ops().queuePollInterval());
        }
        if (syntheticWitness != null) {
            this.synthetic = new SyntheticProber(
                            config.ops().synthetic(),
                            selfUrl(config.server().host(), server.port()),
                            syntheticWitness,
                            syntheticMetrics,
                            clock,
                            ticker)
                    .start();
            operations.synthetic(synthetic);
        }
    }

    /** Cutover's own client listener, as the synthetic click reaches it: loopback unless bound elsewhere. */
    private static URI selfUrl(String host, int port) {
        boolean any = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
        String target = any ? "127.0.0.1" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + target + ":" + port + "/");
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
            BulkheadMetrics bulkheadMetrics,
            GuardListener listener,
            Clock clock,
            LongSupplier ticker) {
        BackendGuard guard = new BackendGuard(name, settings, clock, listener);
        guardMetrics.watch(name, () -> guard.state().tag(), guard::inFlight);
        bulkheadMetrics.watch(name, settings.maxInFlight(), guard::inFlight);
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

    /** The HTTPS listener's port, or -1 when {@code tls.enabled} is false. */
    public int tlsPort() {
        return tlsServer == null ? -1 : tlsServer.port();
    }

    /** The HTTPS listener's certificates, reloaded as their files change; empty without TLS. */
    public Optional<ServerCertificates> certificates() {
        return Optional.ofNullable(certificates);
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

    /**
     * The synthetic click's latest result, for the admin state and the dashboard; {@link
     * SyntheticStatus#NONE} when {@code synthetic.enabled} is false.
     */
    public SyntheticStatus synthetic() {
        SyntheticProber prober = synthetic;
        return prober == null ? SyntheticStatus.NONE : prober;
    }

    /** The prober itself while it runs: the sandbox adds the simulated platform's confirmation. */
    public Optional<SyntheticProber> syntheticProber() {
        return Optional.ofNullable(synthetic);
    }

    /**
     * Plugs in the synthetic click's status for {@code GET /admin/state} and the dashboard
     * ({@code null}: none).
     */
    public void syntheticStatus(SyntheticStatus status) {
        operations.synthetic(status);
    }

    /**
     * Starts a drain unless one is under way (SIGTERM, {@code POST /admin/drain}): readiness goes
     * down, the client listener stops accepting, requests in flight finish within {@code
     * shutdown.drain-timeout} (each answer {@code Connection: close}), then the retry queue and
     * the spool are flushed to SQS. The admin listener keeps answering. Never blocks.
     *
     * @return completes when drained: {@code true} when every request in flight was answered in time
     */
    public CompletableFuture<Boolean> drain() {
        if (drainStarted.compareAndSet(false, true)) {
            drainStartedAt = clock.millis();
            drain.begin();
            Thread thread = new Thread(this::runDrain, "cutover-drain");
            thread.start();
        }
        return drained;
    }

    private void runDrain() {
        try {
            Duration bound = config.control().drainTimeout();
            log.info("drain: not ready, no new connections; requests in flight get up to {} ms", bound.toMillis());
            if (server != null) {
                server.close();
            }
            if (tlsServer != null) {
                tlsServer.close();
            }
            boolean clean = drain.run(bound);
            if (clean) {
                log.info("drain: every request in flight was answered");
            } else {
                log.warn("drain: {} ms were not enough; the connections still open were closed", bound.toMillis());
            }
            int flushed = retryQueue.flush(FLUSH_BOUND);
            log.info(
                    "drain: retry queue flushed ({} spooled events sent to SQS, {} still in the spool)",
                    flushed,
                    retryQueue.spool().records());
            drained.complete(clean);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained.complete(false);
        } catch (RuntimeException e) {
            log.error("drain failed", e);
            drained.complete(false);
        }
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
        if (synthetic != null) {
            synthetic.close();
        }
        if (queueWatch != null) {
            queueWatch.close();
        }
        if (queueWatchSqs != null) {
            queueWatchSqs.close();
        }
        reloader.close();
        if (certificates != null) {
            certificates.close();
        }
        if (tlsServer != null) {
            tlsServer.close();
        }
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
        if (tracing != null) {
            tracing.close();
        }
        telemetry.close();
    }
}
