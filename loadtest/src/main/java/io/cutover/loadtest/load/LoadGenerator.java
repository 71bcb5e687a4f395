package io.cutover.loadtest.load;

import io.cutover.proxy.config.TransportKind;
import io.cutover.proxy.server.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load generator: HTTP/1.1 over Netty, one request at a time per connection, on a few event
 * loops of its own ({@code ioThreads}, one by default: on a small machine the generator must leave
 * the cores to what it measures). Each loop carries an equal share of the rate (or concurrency) and
 * of the connections.
 *
 * <pre>{@code
 * LoadPlan plan = LoadPlan.of(target, new LoadModel.Open(2000), Duration.ofSeconds(30), 100_000,
 *         RequestCorpus.standard(), new ConnectionMix(64, 10));
 * try (RunningLoad run = LoadGenerator.start(plan, LoadHooks.quiet().withClassifier(fates))) {
 *     Thread.sleep(10_000);
 *     RunningLoad.FaultHandle outage = run.fault("primary down");
 *     ...
 *     outage.end();
 *     LoadResult result = run.await();
 * }
 * }</pre>
 */
public final class LoadGenerator implements RunningLoad {

    private final LoadPlan plan;
    private final LoadHooks hooks;
    private final long startNanos;
    private final Instant startedAt;
    private final EventLoopGroup group;
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<StopReason> stop = new AtomicReference<>();
    private final List<MutableWindow> faults = new ArrayList<>();
    private final LongAdder ended = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Recorder progressLatency;
    private final ScheduledExecutorService progressPrinter;
    private final CompletableFuture<Void> allDone;
    private volatile LoadResult result;

    private LoadGenerator(LoadPlan plan, LoadHooks hooks, int ioThreads) {
        this.plan = plan;
        this.hooks = hooks;
        Transport transport = Transport.select(TransportKind.AUTO);
        this.group = new MultiThreadIoEventLoopGroup(
                ioThreads, new DefaultThreadFactory("cutover-load", true), transport.ioHandlerFactory());
        this.progressLatency = new Recorder(1000, plan.timeout().toNanos() + TimeUnit.SECONDS.toNanos(60), 2);
        // A little ahead, so every lane is set up before the first request is due.
        this.startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        this.startedAt = Instant.now().plusMillis(20);
        Bootstrap bootstrap = new Bootstrap()
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.max(1, plan.timeout().toMillis()));
        String runToken = Long.toString(startedAt.toEpochMilli(), 36);
        int index = 0;
        for (var executor : group) {
            EventLoop loop = (EventLoop) executor;
            lanes.add(new Lane(
                    this,
                    loop,
                    bootstrap.clone().group(loop),
                    index++,
                    ioThreads,
                    new RequestEncoder(plan.hostHeader(), runToken)));
        }
        this.allDone = CompletableFuture.allOf(lanes.stream().map(l -> l.done).toArray(CompletableFuture[]::new));
        this.progressPrinter = hooks.progress() == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("cutover-load-progress", true));
    }

    /** Starts a run with one event loop. */
    public static RunningLoad start(LoadPlan plan, LoadHooks hooks) {
        return start(plan, hooks, 1);
    }

    /** Starts a run on {@code ioThreads} event loops of its own. */
    public static RunningLoad start(LoadPlan plan, LoadHooks hooks, int ioThreads) {
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("io threads: " + ioThreads + " (expected: 1 to 64)");
        }
        LoadGenerator run = new LoadGenerator(plan, hooks, ioThreads);
        run.begin();
        return run;
    }

    /** Runs a plan to its end. */
    public static LoadResult run(LoadPlan plan, LoadHooks hooks) throws InterruptedException {
        try (RunningLoad running = start(plan, hooks)) {
            return running.await();
        }
    }

    private void begin() {
        for (Lane lane : lanes) {
            lane.loop.execute(lane::begin);
        }
        if (progressPrinter != null) {
            progressPrinter.scheduleAtFixedRate(this::printProgress, 1, 1, TimeUnit.SECONDS);
        }
    }

    LoadPlan plan() {
        return plan;
    }

    LoadHooks hooks() {
        return hooks;
    }

    long startNanos() {
        return startNanos;
    }

    /** The next request's number, or -1 once the plan's count is reached. */
    long nextSequence() {
        long next = sequence.getAndIncrement();
        return next < plan.maxRequests() ? next : -1;
    }

    void stopped(StopReason reason) {
        stop.compareAndSet(null, reason);
    }

    void progress(long latencyNanos, boolean failure) {
        progressLatency.recordValue(latencyNanos);
        ended.increment();
        if (failure) {
            failed.increment();
        }
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos));
    }

    @Override
    public long sent() {
        return Math.min(sequence.get(), plan.maxRequests());
    }

    @Override
    public FaultHandle fault(String name) {
        MutableWindow window = new MutableWindow(name, elapsed());
        synchronized (faults) {
            faults.add(window);
        }
        return () -> {
            synchronized (faults) {
                if (window.end == null) {
                    window.end = elapsed();
                }
            }
        };
    }

    @Override
    public void mark(String name) {
        Duration now = elapsed();
        MutableWindow instant = new MutableWindow(name, now);
        instant.end = now;
        synchronized (faults) {
            faults.add(instant);
        }
    }

    @Override
    public void stop() {
        for (Lane lane : lanes) {
            lane.loop.execute(lane::stop);
        }
    }

    @Override
    public LoadResult await() throws InterruptedException {
        if (result != null) {
            return result;
        }
        // The lanes end by themselves within the duration and two timeouts; the extra is a safety margin.
        long boundMillis = plan.duration().plus(plan.timeout().multipliedBy(3)).toMillis() + 10_000;
        try {
            allDone.get(boundMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the load run did not end within " + boundMillis + " ms", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the load run failed", e.getCause());
        }
        Duration elapsed = elapsed();
        if (progressPrinter != null) {
            progressPrinter.shutdownNow();
            printProgress();
            hooks.progress().println();
        }
        result = collect(elapsed);
        return result;
    }

    private LoadResult collect(Duration elapsed) {
        long highest = plan.timeout().toNanos() + TimeUnit.SECONDS.toNanos(60);
        Histogram latency = new Histogram(1000, highest, 3);
        Histogram serviceTime = new Histogram(1000, highest, 3);
        Map<String, Histogram> byEndpoint = new HashMap<>();
        Map<String, Long> fates = new HashMap<>();
        Map<Failure, Long> failures = new EnumMap<>(Failure.class);
        long opened = 0;
        long lastSent = startNanos;
        for (Lane lane : lanes) {
            latency.add(lane.latency);
            serviceTime.add(lane.serviceTime);
            lane.byEndpoint.forEach((endpoint, h) -> byEndpoint
                    .computeIfAbsent(endpoint, e -> new Histogram(1000, highest, 3))
                    .add(h));
            lane.fates.forEach((fate, n) -> fates.merge(fate, n[0], Long::sum));
            for (Failure failure : Failure.values()) {
                if (lane.failures[failure.ordinal()] > 0) {
                    failures.merge(failure, lane.failures[failure.ordinal()], Long::sum);
                }
            }
            opened += lane.opened;
            lastSent = Math.max(lastSent, lane.lastSentNanos);
        }
        List<FaultWindow> windows = new ArrayList<>();
        synchronized (faults) {
            for (MutableWindow w : faults) {
                windows.add(new FaultWindow(w.name, w.start, w.end == null ? elapsed : w.end));
            }
        }
        List<SlotRecorder> recorders = lanes.stream().map(l -> l.slots).toList();
        return new LoadResult(
                plan,
                startedAt,
                Duration.ofNanos(Math.max(1, lastSent - startNanos)),
                elapsed,
                stop.get() == null ? StopReason.DURATION : stop.get(),
                sent(),
                latency,
                serviceTime,
                byEndpoint,
                fates,
                failures,
                SlotRecorder.merge(recorders, plan.slot().toNanos(), highest),
                windows,
                opened);
    }

    private void printProgress() {
        PrintStream out = hooks.progress();
        Histogram last = progressLatency.getIntervalHistogram();
        String line = String.format(
                "%6.1f s  sent %,d  ended %,d  failed %,d  last second: %,d answers  p50 %.2f ms  p99 %.2f ms  max %.2f ms",
                elapsed().toMillis() / 1000.0,
                sent(),
                ended.sum(),
                failed.sum(),
                last.getTotalCount(),
                last.getValueAtPercentile(50) / 1e6,
                last.getValueAtPercentile(99) / 1e6,
                last.getMaxValue() / 1e6);
        if (hooks.overwrite()) {
            out.print("\r" + line + "    ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() {
        stop();
        try {
            await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // closing anyway
        } finally {
            if (progressPrinter != null) {
                progressPrinter.shutdownNow();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static final class MutableWindow {
        final String name;
        final Duration start;
        Duration end;

        MutableWindow(String name, Duration start) {
            this.name = name;
            this.start = start;
        }
    }
}
