package io.cutover.proxy.reload;

import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.CachedDirectory;
import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.table.MappingTable;
import io.cutover.mapping.yaml.InvalidFileException;
import io.cutover.mapping.yaml.Problem;
import io.cutover.ops.metrics.ReloadMetrics;
import io.cutover.proxy.config.DirectorySettings;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: builds and validates a whole new snapshot (mapping table + directory, one {@link
 * Translator}) and swaps it into the one {@link AtomicReference} every request reads once. A
 * snapshot that does not validate is refused with every problem logged as {@code file:line:
 * reason}; the old one keeps serving.
 *
 * <p>Triggers: an edit of a watched file (polled, debounced), {@code POST /admin/reload}, and a
 * periodic refresh of the directory. All reloads run one at a time on one thread of their own, so
 * two cannot interleave and no event loop ever waits for one.
 */
public final class Reloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final SnapshotLoader loader;
    private final AtomicReference<Translator> serving;
    private final ReloadMetrics metrics;
    private final DirectorySettings settings;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final FileWatch mappingWatch;
    private final FileWatch directoryWatch;

    /**
     * @param serving the reference the request path reads, already holding the first snapshot
     */
    private final AtomicLong swaps = new AtomicLong(1);

    private volatile Outcome last;

    /**
     * The last reload: its result, when it ended, and the serving snapshot's version then.
     *
     * @param version 1 for the snapshot loaded at start, one more for every swap since
     */
    public record Outcome(ReloadResult result, Instant at, long version) {}

    /** The last reload, or {@code null} before the first. */
    public Outcome last() {
        return last;
    }

    /** The serving snapshot's version: 1 for the one loaded at start, one more for every swap. */
    public long version() {
        return swaps.get();
    }

    public Reloader(
            SnapshotLoader loader,
            AtomicReference<Translator> serving,
            ReloadMetrics metrics,
            DirectorySettings settings,
            Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.serving = Objects.requireNonNull(serving, "serving");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("cutover-reload", true));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        this.mappingWatch = new FileWatch(loader::mappingFiles);
        this.directoryWatch = new FileWatch(this::directoryFiles);
    }

    /** Builds the first snapshot, at start: throws as a refused reload would report. */
    public static Translator initial(SnapshotLoader loader, Directory given) {
        MappingTable table = loader.table();
        return new Translator(
                table, loader.loadsDirectory() ? loader.directory() : given, loader.unknownAffiliatePublisher());
    }

    /** Starts the watch (when on) and the periodic refresh (when set). */
    public void start() {
        if (settings.watch()) {
            resyncWatches();
            long every = settings.watchInterval().toMillis();
            thread.scheduleWithFixedDelay(this::pollWatches, every, every, TimeUnit.MILLISECONDS);
        }
        if (loader.loadsDirectory()) {
            // A task that throws is never run again: the refresh catches everything.
            settings.refresh()
                    .ifPresent(every -> thread.scheduleWithFixedDelay(
                            () -> {
                                try {
                                    runReload("refresh", true);
                                    resyncWatches();
                                } catch (RuntimeException e) {
                                    log.error("directory refresh failed; it runs again in {}", every, e);
                                }
                            },
                            every.toMillis(),
                            every.toMillis(),
                            TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Reloads everything (mapping and directory) on the reload thread, as {@code POST
     * /admin/reload} asks; the future completes there.
     */
    public CompletableFuture<ReloadResult> reload(String trigger) {
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        ReloadResult result = runReload(trigger, loader.loadsDirectory());
                        resyncWatches();
                        return result;
                    },
                    thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("Cutover is stopping"));
        }
    }

    private void pollWatches() {
        try {
            boolean mapping = mappingWatch.poll();
            boolean directory = directoryWatch.poll();
            if (mapping || directory) {
                runReload("watch", directory && loader.loadsDirectory());
                // Refused too: the same bad content is not retried until it is edited again.
                mappingWatch.applied();
                directoryWatch.applied();
            }
        } catch (RuntimeException e) {
            log.error("reload watch failed; it keeps polling", e);
        }
    }

    private void resyncWatches() {
        mappingWatch.resync();
        directoryWatch.resync();
    }

    private List<Path> directoryFiles() {
        Set<Path> files = new LinkedHashSet<>();
        loader.directoryFile().ifPresent(files::add);
        Translator current = serving.get();
        if (current != null && current.directory() instanceof CachedDirectory cached) {
            files.addAll(cached.preloaded().files());
        }
        return List.copyOf(files);
    }

    /** One reload, on the reload thread. */
    private ReloadResult runReload(String trigger, boolean directoryToo) {
        long start = System.nanoTime();
        List<Problem> problems = new ArrayList<>();
        int omitted = 0;
        MappingTable table = null;
        try {
            table = loader.table();
        } catch (InvalidFileException e) {
            problems.addAll(e.problems());
            omitted += e.omitted();
        } catch (RuntimeException e) {
            log.error("mapping reload failed", e);
            problems.add(new Problem("mapping", 0, 0, "cannot be loaded (" + e + ")"));
        }
        Directory directory = serving.get().directory();
        if (directoryToo) {
            try {
                directory = loader.directory();
            } catch (InvalidFileException e) {
                problems.addAll(e.problems());
                omitted += e.omitted();
            } catch (RuntimeException e) {
                problems.add(new Problem(loader.describeStore(), 0, 0, "cannot be loaded (" + e + ")"));
            }
        }
        ReloadResult result;
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (problems.isEmpty()) {
            Translator next = new Translator(table, directory, loader.unknownAffiliatePublisher());
            serving.set(next);
            swaps.incrementAndGet();
            metrics.swapped(clock.instant().getEpochSecond());
            result = new ReloadResult(true, trigger, directoryToo, List.of(), 0, next, took);
            log.info(result.summary());
        } else {
            result = new ReloadResult(false, trigger, directoryToo, problems, omitted, serving.get(), took);
            log.warn(result.summary());
        }
        metrics.reloaded(trigger, result.ok());
        last = new Outcome(result, clock.instant(), swaps.get());
        return result;
    }

    /** Stops the watch and refresh; a reload under way finishes or is abandoned with the thread. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loader.close();
    }
}
