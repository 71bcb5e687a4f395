package io.cutover.failover.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local, append-only spool that keeps events while SQS cannot: segment files of checksummed
 * records ({@link SpoolRecords}), written and fsync'd on the spool's own thread. Appends that
 * arrive while an fsync runs share the next one (group commit), so the cost of durability is
 * shared by everyone waiting. The spool is bounded: an append past {@link SpoolOptions#maxBytes}
 * is refused, never buffered.
 *
 * <p>Segments are named by a rising sequence number. The one being written is the active
 * segment; a full one, or one rolled for draining, is closed and never written again. The drainer
 * reads closed segments, sends their events to SQS and then {@link #delete}s them. On open, every
 * segment left by an earlier process (a crash included) is closed and drainable; a torn last
 * record in it is skipped and counted.
 */
public final class Spool implements AutoCloseable {

    /** The largest record, header included: far above any event, far below the spool's bounds. */
    public static final int MAX_RECORD_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".spool";

    /** Held while the spool is open: two processes appending to one folder would tear each other's records. */
    private static final String LOCK = "spool.lock";

    private final SpoolOptions options;
    private final QueueObserver observer;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final ConcurrentSkipListSet<Path> closed = new ConcurrentSkipListSet<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong torn = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private boolean warned;
    private FileChannel lockFile;

    // Confined to the writer thread.
    private long nextSequence;
    private FileChannel active;
    private Path activePath;
    private long activeBytes;
    private long activeRecords;

    private Spool(SpoolOptions options, QueueObserver observer, List<Path> existing, long nextSequence) {
        this.options = options;
        this.observer = observer;
        this.nextSequence = nextSequence;
        closed.addAll(existing);
        this.writer = new Thread(this::writeLoop, "cutover-spool");
        writer.setDaemon(true);
    }

    /**
     * Opens the spool in its folder (creating it), taking over every segment left there.
     *
     * @throws UncheckedIOException naming the folder when it cannot be used
     */
    public static Spool open(SpoolOptions options, QueueObserver observer) {
        Path dir = options.dir();
        List<Path> existing = new ArrayList<>();
        long next = 1;
        long size = 0;
        long count = 0;
        try {
            Files.createDirectories(dir);
            TreeSet<Path> sorted = new TreeSet<>();
            try (DirectoryStream<Path> segments = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
                segments.forEach(sorted::add);
            }
            for (Path segment : sorted) {
                long sequence = sequenceOf(segment);
                if (sequence < 0) {
                    continue;
                }
                existing.add(segment);
                next = Math.max(next, sequence + 1);
                size += Files.size(segment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool.dir: " + dir + " (expected: a writable folder; " + e + ")", e);
        }
        FileChannel lockFile;
        java.nio.channels.FileLock lock;
        try {
            lockFile = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(lockFile);
        } catch (IOException e) {
            throw new UncheckedIOException("spool.dir: " + dir + " (expected: a writable folder; " + e + ")", e);
        }
        if (lock == null) {
            try {
                lockFile.close();
            } catch (IOException e) {
                // nothing held
            }
            throw new IllegalStateException(
                    "spool.dir: " + dir + " (expected: a folder no other running Cutover uses; it is locked)");
        }
        Spool spool = new Spool(options, observer, existing, next);
        spool.lockFile = lockFile;
        spool.bytes.set(size);
        for (Path segment : existing) {
            // Torn records are counted when the segment is drained, once.
            try {
                count += SpoolRecords.decode(Files.readAllBytes(segment))
                        .events()
                        .size();
            } catch (IOException e) {
                throw new UncheckedIOException("spool segment " + segment + " unreadable", e);
            }
        }
        spool.records.set(count);
        if (!existing.isEmpty()) {
            log.warn(
                    "spool {}: {} events in {} segments left by an earlier run; they drain to SQS",
                    dir,
                    count,
                    existing.size());
        }
        spool.writer.start();
        return spool;
    }

    /** The folder's lock, or {@code null} when another process or another spool here holds it. */
    private static java.nio.channels.FileLock tryLock(FileChannel lockFile) throws IOException {
        try {
            return lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private static long sequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Every readable event in the segments of a spool folder, oldest segment first, without
     * opening the spool (no lock, nothing changed): for an audit of a folder whose process is
     * stopped, or killed. A torn last record ends its segment, as on open; a missing folder holds
     * nothing.
     */
    public static List<QueuedEvent> contents(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<QueuedEvent> events = new ArrayList<>();
        try {
            TreeSet<Path> sorted = new TreeSet<>();
            try (DirectoryStream<Path> segments = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
                segments.forEach(sorted::add);
            }
            for (Path segment : sorted) {
                if (sequenceOf(segment) < 0) {
                    continue;
                }
                try {
                    events.addAll(
                            SpoolRecords.decode(Files.readAllBytes(segment)).events());
                } catch (java.nio.file.NoSuchFileException drained) {
                    // Deleted since the listing: its events reached SQS.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool " + dir + ": unreadable", e);
        }
        return events;
    }

    /** How an append ended. */
    public enum Append {
        /** Written and fsync'd. */
        WRITTEN,
        /** Refused: the spool is full. */
        FULL
    }

    /**
     * Appends one event; the stage completes on the spool's thread once the record is fsync'd,
     * or with {@link Append#FULL}, or exceptionally when the disk fails.
     */
    public CompletableFuture<Append> append(QueuedEvent event) {
        CompletableFuture<Append> done = new CompletableFuture<>();
        ByteBuffer record;
        try {
            record = SpoolRecords.encode(event);
        } catch (IllegalArgumentException e) {
            done.completeExceptionally(e);
            return done;
        }
        if (!running) {
            done.completeExceptionally(new IllegalStateException("spool closed"));
            return done;
        }
        requests.add(new Request(record, done));
        return done;
    }

    /**
     * The oldest closed segment, rolling the active one first when no other is closed; empty
     * when the spool holds nothing. Blocks for the roll (at most one fsync): not for an event
     * loop.
     */
    public java.util.Optional<Path> oldestSegment() throws InterruptedException {
        if (closed.isEmpty() && records.get() > 0 && running) {
            CompletableFuture<Append> rolled = new CompletableFuture<>();
            requests.add(new Request(null, rolled));
            try {
                rolled.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.warn("spool: could not close the active segment for draining", e);
            }
        }
        return java.util.Optional.ofNullable(closed.isEmpty() ? null : closed.first());
    }

    /** The events of a closed segment that can be read; torn or corrupt records are counted and skipped. */
    public List<QueuedEvent> read(Path segment) {
        byte[] content;
        try {
            content = Files.readAllBytes(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("spool segment " + segment + " unreadable", e);
        }
        SpoolRecords.Decoded decoded = SpoolRecords.decode(content);
        if (decoded.skipped() > 0) {
            log.warn("spool segment {}: {} torn or corrupt records skipped", segment, decoded.skipped());
            for (int i = 0; i < decoded.skipped(); i++) {
                torn.incrementAndGet();
                observer.tornRecord();
            }
        }
        return decoded.events();
    }

    /** Deletes a closed segment whose events all reached SQS. */
    public void delete(Path segment, int events) {
        if (!closed.remove(segment)) {
            return;
        }
        try {
            long size = Files.size(segment);
            Files.delete(segment);
            bytes.addAndGet(-size);
            records.addAndGet(-events);
        } catch (IOException e) {
            throw new UncheckedIOException("spool segment " + segment + " could not be deleted", e);
        }
        checkFill();
    }

    /** Bytes held in segments. */
    public long bytes() {
        return bytes.get();
    }

    /** The bound on {@link #bytes()}. */
    public long maxBytes() {
        return options.maxBytes();
    }

    /** Events held, not yet drained. */
    public long records() {
        return Math.max(0, records.get());
    }

    /** Torn or corrupt records skipped since open. */
    public long tornRecords() {
        return torn.get();
    }

    public Path dir() {
        return options.dir();
    }

    private void writeLoop() {
        try {
            // Ready before the first append: creating a file and fsyncing the folder is the
            // slowest part of a first write.
            openActive();
        } catch (IOException e) {
            log.warn("spool {}: could not prepare a segment; the first append tries again", options.dir(), e);
        }
        List<Request> batch = new ArrayList<>(options.maxBatch());
        while (running || !requests.isEmpty()) {
            try {
                Request first = requests.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                requests.drainTo(batch, options.maxBatch() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        closeActive();
    }

    /** Writes the batch's records, one fsync for all of them, then completes their stages. */
    private void commit(List<Request> batch) {
        List<CompletableFuture<Append>> written = new ArrayList<>(batch.size());
        try {
            for (Request request : batch) {
                if (request.record == null) {
                    sync(written);
                    roll();
                    openActive();
                    request.done.complete(Append.WRITTEN);
                    continue;
                }
                int size = request.record.remaining();
                if (bytes.get() + size > options.maxBytes()) {
                    request.done.complete(Append.FULL);
                    continue;
                }
                if (active == null) {
                    openActive();
                }
                while (request.record.hasRemaining()) {
                    active.write(request.record);
                }
                activeBytes += size;
                activeRecords++;
                bytes.addAndGet(size);
                records.incrementAndGet();
                written.add(request.done);
                if (activeBytes >= options.segmentBytes()) {
                    sync(written);
                    roll();
                    openActive();
                }
            }
            sync(written);
        } catch (IOException | RuntimeException e) {
            log.error("spool {}: write failed; the segment is closed and a new one started", options.dir(), e);
            for (CompletableFuture<Append> done : written) {
                done.completeExceptionally(e);
            }
            for (Request request : batch) {
                request.done.completeExceptionally(e);
            }
            abandonActive();
        }
        checkFill();
    }

    private void sync(List<CompletableFuture<Append>> written) throws IOException {
        if (written.isEmpty()) {
            return;
        }
        active.force(false);
        for (CompletableFuture<Append> done : written) {
            done.complete(Append.WRITTEN);
        }
        written.clear();
    }

    private void openActive() throws IOException {
        activePath = options.dir().resolve(String.format(Locale.ROOT, "%s%019d%s", PREFIX, nextSequence++, SUFFIX));
        active = FileChannel.open(activePath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        activeBytes = 0;
        activeRecords = 0;
        // The new file's name must survive a crash as well as its content.
        try (FileChannel dir = FileChannel.open(options.dir(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("spool {}: directory fsync not supported", options.dir(), e);
        }
    }

    /** Closes the active segment and makes it drainable. */
    private void roll() throws IOException {
        if (active == null) {
            return;
        }
        active.close();
        if (activeRecords > 0) {
            closed.add(activePath);
        } else {
            Files.deleteIfExists(activePath);
        }
        active = null;
        activePath = null;
    }

    private void abandonActive() {
        try {
            roll();
        } catch (IOException e) {
            log.warn("spool {}: closing the failed segment", options.dir(), e);
            active = null;
        }
    }

    private void closeActive() {
        try {
            if (active != null) {
                active.force(false);
            }
            roll();
        } catch (IOException e) {
            log.warn("spool {}: closing", options.dir(), e);
        }
    }

    private synchronized void checkFill() {
        long percent = bytes.get() * 100 / options.maxBytes();
        if (percent >= options.warnPercent() && !warned) {
            warned = true;
            log.warn(
                    "spool {} is {}% full ({} of {} bytes): SQS is not taking events; at 100% local answers overflow",
                    options.dir(), percent, bytes.get(), options.maxBytes());
        } else if (percent < options.warnPercent() && warned) {
            warned = false;
            log.info("spool {} is below {}% again", options.dir(), options.warnPercent());
        }
    }

    /** Writes what was appended, fsyncs it and stops the spool's thread. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lockFile.close();
        } catch (IOException e) {
            log.debug("spool {}: releasing the lock", options.dir(), e);
        }
    }

    /** An append ({@code record} set) or a request to roll the active segment ({@code record} null). */
    private record Request(ByteBuffer record, CompletableFuture<Append> done) {}
}
