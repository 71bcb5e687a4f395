package io.cutover.ops.log;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON line per tracked request, written off the event loop, in batches by
 * time and by size.
 *
 * <p>{@link #offer(AccessRecord)} never blocks and never wakes a thread: records go to a
 * bounded queue, and when it is full the record is dropped and counted ({@code
 * cutover.accesslog.dropped}, reason {@code queue_full}) — a slow disk must cost log lines, never
 * the shopper's redirect. One daemon thread wakes every {@link #DEFAULT_LINGER_NANOS linger}
 * period (or as soon as a batch's worth is waiting), drains everything queued and writes it with
 * one call per {@value #MAX_BATCH} records, then flushes. Under load that is one {@code write()}
 * per period instead of a futex wake and a {@code write()} per request. A batch whose write fails
 * is counted with reason {@code write_failed}. {@link #close()} writes what is queued and stops,
 * so a clean shutdown loses no line.
 */
public final class AccessLog implements AutoCloseable {

    /** A queue of this many records absorbs several seconds of peak traffic. */
    public static final int DEFAULT_CAPACITY = 16_384;

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    private static final Attributes QUEUE_FULL = Attributes.of(REASON, "queue_full");
    private static final Attributes WRITE_FAILED = Attributes.of(REASON, "write_failed");
    /** Records written with one call at most. */
    static final int MAX_BATCH = 4096;

    /** How long records may wait for the writer: short enough for a tail -f, long enough to batch. */
    public static final long DEFAULT_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Queued records that wake the writer before its linger period ends. */
    private static final int WAKE_AT = 1024;

    private static final int TEXT_CAPACITY = 64 * 1024;
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final BlockingQueue<AccessRecord> queue;
    private final OutputStream out;
    private final boolean ownsStream;
    private final Thread writer;
    private final LongAdder droppedFull = new LongAdder();
    private final LongAdder droppedFailed = new LongAdder();
    private final LongAdder written = new LongAdder();
    // Records offered since the writer last drained; only its crossing of WAKE_AT matters.
    private final AtomicInteger pending = new AtomicInteger();
    private final long lingerNanos;
    private final ObservableLongCounter droppedCounter;
    private final ObservableLongGauge queuedGauge;
    // The writer thread's formatter (close() uses it only once the writer has stopped).
    private final AccessLine line = new AccessLine();
    private StringBuilder text = new StringBuilder(TEXT_CAPACITY);
    // The batch as bytes, kept between batches: the writer thread's only copy of the text.
    private byte[] bytes = new byte[TEXT_CAPACITY];
    private volatile boolean closed;
    private boolean failing;

    private AccessLog(OutputStream stream, boolean ownsStream, int capacity, long lingerNanos, Meter meter) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        if (lingerNanos < 0) {
            throw new IllegalArgumentException("lingerNanos: " + lingerNanos + " (expected: >= 0)");
        }
        this.lingerNanos = lingerNanos;
        Objects.requireNonNull(meter, "meter");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = stream;
        this.ownsStream = ownsStream;
        this.droppedCounter = meter.counterBuilder("cutover.accesslog.dropped")
                .setDescription("Access-log records lost: queue full, or the write failed.")
                .buildWithCallback(measurement -> {
                    measurement.record(droppedFull.sum(), QUEUE_FULL);
                    measurement.record(droppedFailed.sum(), WRITE_FAILED);
                });
        this.queuedGauge = meter.gaugeBuilder("cutover.accesslog.queued")
                .setDescription("Access-log records waiting for the writer.")
                .ofLongs()
                .buildWithCallback(measurement -> measurement.record(queue.size()));
        this.writer = new Thread(this::drain, "cutover-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** A log appending to {@code file}, created if missing; the file is closed by {@link #close()}. */
    public static AccessLog toFile(Path file, int capacity, Meter meter) throws IOException {
        Objects.requireNonNull(file, "file");
        // A FileOutputStream, not Files.newOutputStream: the latter is an interruptible channel
        // that an interrupt anywhere on the writer thread would close for good.
        return new AccessLog(new FileOutputStream(file.toFile(), true), true, capacity, DEFAULT_LINGER_NANOS, meter);
    }

    /** A log writing to {@code stream} (standard output, say), flushed but left open by {@link #close()}. */
    public static AccessLog toStream(OutputStream stream, int capacity, Meter meter) {
        return toStream(stream, capacity, DEFAULT_LINGER_NANOS, meter);
    }

    /** A log writing to {@code stream}, with records waiting at most {@code lingerNanos} for the writer. */
    public static AccessLog toStream(OutputStream stream, int capacity, long lingerNanos, Meter meter) {
        Objects.requireNonNull(stream, "stream");
        return new AccessLog(stream, false, capacity, lingerNanos, meter);
    }

    /**
     * Queues {@code record} for writing; never blocks. False when the queue is full or the log
     * is closed, in which case the record is dropped and counted as {@code queue_full}.
     */
    public boolean offer(AccessRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed || !queue.offer(record)) {
            droppedFull.increment();
            return false;
        }
        if (pending.incrementAndGet() == WAKE_AT) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    /** Records dropped so far, because the queue was full or a write failed. */
    public long dropped() {
        return droppedFull.sum() + droppedFailed.sum();
    }

    /** The writer thread, for tests that must wait until it sleeps out its linger period. */
    Thread writer() {
        return writer;
    }

    /** Records written and flushed so far. */
    public long written() {
        return written.sum();
    }

    /**
     * Writes everything queued, flushes, and stops the writer; closes the file if the log
     * opened it. Call it after the event loops have stopped offering: a record offered while
     * the log closes may be lost.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!writer.isAlive()) {
            // Records that slipped in after the writer's last look; nobody else touches the
            // writer state now.
            List<AccessRecord> rest = new ArrayList<>();
            queue.drainTo(rest);
            writeBatch(rest);
            if (ownsStream) {
                try {
                    out.close();
                } catch (IOException e) {
                    LOG.warn("Closing the access log failed", e);
                }
            }
        } else {
            LOG.warn("Access log writer still busy after {} ms; leaving it to finish", CLOSE_WAIT_MILLIS);
        }
        droppedCounter.close();
        queuedGauge.close();
    }

    private void drain() {
        List<AccessRecord> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            // Read the flag before draining: whatever was offered before close() set it is then
            // in the queue and gets written by this pass.
            boolean last = closed;
            int drained;
            while ((drained = queue.drainTo(batch, MAX_BATCH)) > 0) {
                pending.addAndGet(-drained);
                writeBatch(batch);
                batch.clear();
            }
            if (last) {
                return;
            }
            // Spurious wake-ups and interrupts only cost an early pass.
            LockSupport.parkNanos(this, lingerNanos);
        }
    }

    private void writeBatch(List<AccessRecord> batch) {
        text.setLength(0);
        int count = 0;
        for (AccessRecord record : batch) {
            int mark = text.length();
            try {
                line.append(text, record);
                count++;
            } catch (RuntimeException e) {
                text.setLength(mark);
                droppedFailed.increment();
                failed(e);
            }
        }
        if (count > 0) {
            try {
                writeText();
                out.flush();
                written.add(count);
                recovered();
            } catch (IOException e) {
                droppedFailed.add(count);
                failed(e);
            }
        }
        if (text.capacity() > 64 * TEXT_CAPACITY) {
            // One batch of huge URIs should not pin megabytes for the life of the process.
            text = new StringBuilder(TEXT_CAPACITY);
            bytes = new byte[TEXT_CAPACITY];
        }
    }

    /**
     * Writes the batch as UTF-8. Lines are nearly always ASCII (JSON escapes control characters,
     * and URLs arrive percent-encoded), and those are copied into the kept buffer; a batch with
     * another character goes through the encoder.
     */
    private void writeText() throws IOException {
        int length = text.length();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes[i] = (byte) c;
        }
        out.write(bytes, 0, length);
    }

    // Log the first failure of a streak and the recovery, not every record of a full disk.
    private void failed(Exception e) {
        if (!failing) {
            failing = true;
            LOG.warn("Access log write failed; dropping records until it recovers", e);
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("Access log writes recovered");
        }
    }
}
