package io.cutover.failover.queue;

import io.cutover.failover.Fate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry queue: SQS first, the local spool when SQS fails or is slow, and a drainer that
 * brings spooled events to SQS once it answers again.
 *
 * <p>An event waits at most the acknowledgement timeout for SQS; then it is spooled (fsync'd)
 * instead. A timed-out send may still reach SQS later, so the event can be there twice: delivery
 * is at-least-once, and the platform de-duplicates by event ID. After a failure SQS counts as
 * unavailable and events go straight to the spool, without waiting for the timeout each time,
 * until the drainer's next probe or drain succeeds.
 *
 * <p>When the spool is full too, the event is written whole to the error log (one {@link
 * QueuedEventCodec} line after {@value #OVERFLOW_MARK}) and ends {@link Fate#OVERFLOW}: the
 * shopper is answered regardless, and the event can be re-queued from the log.
 */
public final class DurableRetryQueue implements RetryQueue {

    /** The error-log marker of an event that neither SQS nor the spool could take. */
    public static final String OVERFLOW_MARK = "retry-queue overflow, event not kept:";

    /** The error-log marker of a spooled event that SQS refuses as such (e.g. too large). */
    public static final String REFUSED_MARK = "retry-queue: SQS refused a spooled event, not kept:";

    /** Stands for an acknowledgement that has not come. */
    private static final Throwable PENDING = new TimeoutException("no acknowledgement");

    /** The longest an answer waits for the spool's fsync before the disk is given up on. */
    private static final long SPOOL_WAIT_SECONDS = 5;

    private static final QueuedEvent WARM_UP = new QueuedEvent(
            "-", "-", QueuedEvent.Kind.CLICK, QueuedEvent.Target.PRIMARY, "/", java.util.Map.of(), 0, "");

    private static final Logger log = LoggerFactory.getLogger(DurableRetryQueue.class);

    private final SqsSender sqs;
    private final Spool spool;
    private final long ackTimeoutNanos;
    private final QueueObserver observer;
    private final LongSupplier ticker;
    private final ScheduledExecutorService drainer;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean sqsAvailable = true;

    /**
     * @param sqs the SQS sender, or {@code null} when no queue is configured: every event is then
     *     spooled, and stays in the spool until a queue is
     * @param spool the local spool, already open
     * @param ackTimeout the longest an answer waits for SQS before the event is spooled instead
     * @param drainInterval how often the drainer looks at the spool
     * @param ticker the nanosecond clock the waits are measured on
     */
    public DurableRetryQueue(
            SqsSender sqs,
            Spool spool,
            Duration ackTimeout,
            Duration drainInterval,
            QueueObserver observer,
            LongSupplier ticker) {
        this.sqs = sqs;
        this.spool = spool;
        this.ackTimeoutNanos = ackTimeout.toNanos();
        this.observer = observer;
        this.ticker = ticker;
        this.drainer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cutover-spool-drain");
            thread.setDaemon(true);
            return thread;
        });
        // The first event must not pay for the codec's and the SDK's start (class loading, the
        // first connection): warm both now, and learn whether SQS answers at all.
        QueuedEventCodec.encode(WARM_UP);
        if (sqs != null) {
            sqs.probe().whenComplete((ok, error) -> {
                if (error != null) {
                    unavailable(error);
                }
            });
            long interval = drainInterval.toNanos();
            drainer.scheduleWithFixedDelay(this::drainSafely, interval, interval, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public CompletionStage<Fate> enqueue(QueuedEvent event) {
        long start = ticker.getAsLong();
        inFlight.incrementAndGet();
        CompletableFuture<Fate> fate;
        if (sqs != null && sqsAvailable) {
            fate = sqs.send(event)
                    .orTimeout(ackTimeoutNanos, TimeUnit.NANOSECONDS)
                    .handle((ok, error) -> error)
                    .thenCompose(error -> {
                        if (error == null) {
                            return CompletableFuture.completedFuture(Fate.QUEUED);
                        }
                        unavailable(error);
                        return spool(event);
                    });
        } else {
            fate = spool(event);
        }
        return fate.thenApply(f -> {
            inFlight.decrementAndGet();
            observer.durable(f, ticker.getAsLong() - start);
            return f;
        });
    }

    private CompletableFuture<Fate> spool(QueuedEvent event) {
        return spool.append(event)
                .orTimeout(SPOOL_WAIT_SECONDS, TimeUnit.SECONDS)
                .handle((append, error) -> {
                    if (error == null && append == Spool.Append.WRITTEN) {
                        return Fate.SPOOLED;
                    }
                    log.error(
                            "{} {} ({})",
                            OVERFLOW_MARK,
                            QueuedEventCodec.encode(event),
                            error == null ? "spool full at " + spool.bytes() + " bytes" : String.valueOf(error));
                    return Fate.OVERFLOW;
                });
    }

    private void unavailable(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (sqsAvailable) {
            sqsAvailable = false;
            log.warn(
                    "SQS {} unavailable ({}); events are spooled in {} until it answers",
                    sqs.queueUrl(),
                    cause instanceof TimeoutException ? "no acknowledgement in time" : String.valueOf(cause),
                    spool.dir());
        }
        observer.sqsUnavailable(cause);
    }

    private void available() {
        if (!sqsAvailable) {
            sqsAvailable = true;
            log.info("SQS {} answers again; draining the spool", sqs.queueUrl());
            observer.sqsRecovered();
        }
    }

    /** Whether events currently go to SQS first. */
    public boolean sqsAvailable() {
        return sqs != null && sqsAvailable;
    }

    public Spool spool() {
        return spool;
    }

    private void drainSafely() {
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("spool drain failed; it is tried again", e);
        }
    }

    /**
     * Sends the spool's closed segments to SQS, oldest first, deleting each once all its events
     * were acknowledged; stops at the first failure. Probes SQS when it was unavailable and the
     * spool is empty.
     *
     * @return how many events reached SQS
     */
    int drain() throws InterruptedException {
        int sent = 0;
        Optional<Path> segment = spool.oldestSegment();
        if (segment.isEmpty()) {
            if (!sqsAvailable) {
                Throwable error = await(sqs.probe());
                if (error == null) {
                    available();
                } else {
                    unavailable(error);
                }
            }
            return 0;
        }
        while (segment.isPresent()) {
            Path path = segment.get();
            List<QueuedEvent> events = spool.read(path);
            List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
            for (QueuedEvent event : events) {
                acks.add(sqs.send(event));
            }
            sqs.flush();
            await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
            List<QueuedEvent> refused = new ArrayList<>();
            for (int i = 0; i < acks.size(); i++) {
                Throwable error = acks.get(i).handle((ok, e) -> e).getNow(PENDING);
                if (error == null) {
                    continue;
                }
                if (!(error instanceof SqsSender.SqsEntryException entry) || !entry.senderFault()) {
                    // Not answered, or refused for a reason that may pass: the whole segment
                    // again later (SQS may then hold some twice; the event ID de-duplicates).
                    unavailable(error);
                    return sent;
                }
                refused.add(events.get(i));
            }
            for (QueuedEvent event : refused) {
                // Sending it again would fail again and block every event behind it.
                log.error("{} {} (SQS refuses the message itself)", REFUSED_MARK, QueuedEventCodec.encode(event));
            }
            available();
            spool.delete(path, events.size());
            observer.drained(events.size());
            sent += events.size();
            segment = spool.oldestSegment();
        }
        if (sent > 0) {
            log.info("spool: {} events drained to SQS {}", sent, sqs.queueUrl());
        }
        return sent;
    }

    /** Waits for a stage; its failure, or {@code null} when it succeeded. */
    private Throwable await(CompletableFuture<?> stage) throws InterruptedException {
        try {
            stage.get(Math.max(ackTimeoutNanos, TimeUnit.SECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        }
    }

    /**
     * Sends what the batcher holds and brings the spool to SQS now, on the drainer's thread (so
     * never beside a drain of its own), waiting at most {@code bound}; for a drain before the
     * process exits. What SQS does not take stays in the spool, fsync'd, for the next start.
     *
     * @return the events that reached SQS from the spool
     */
    public int flush(Duration bound) throws InterruptedException {
        if (sqs == null) {
            return 0;
        }
        sqs.flush();
        long deadline = ticker.getAsLong() + bound.toNanos();
        try {
            // Drains until the spool is empty or the bound is over: one failed send (a timeout
            // on a connection the outage left behind) is not the end of it.
            return drainer.submit(() -> {
                        int sent = 0;
                        while (spool.records() > 0 && ticker.getAsLong() < deadline) {
                            sent += drain();
                            if (spool.records() > 0) {
                                TimeUnit.MILLISECONDS.sleep(100);
                            }
                        }
                        return sent;
                    })
                    .get(bound.toNanos() + TimeUnit.SECONDS.toNanos(SPOOL_WAIT_SECONDS), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            log.warn("spool flush failed; the events stay spooled for the next start", e.getCause());
            return 0;
        } catch (TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            log.warn("spool flush did not finish within {}; the rest stays spooled for the next start", bound);
            return 0;
        }
    }

    /**
     * Stops draining, sends what the batcher holds, lets the events in flight become durable (on
     * SQS, or spooled when it does not answer in time), then closes the spool (fsync'd).
     */
    @Override
    public void close() {
        drainer.shutdownNow();
        try {
            drainer.awaitTermination(5, TimeUnit.SECONDS);
            if (sqs != null) {
                sqs.flush();
            }
            long giveUp = ticker.getAsLong() + ackTimeoutNanos + TimeUnit.SECONDS.toNanos(SPOOL_WAIT_SECONDS);
            while (inFlight.get() > 0 && ticker.getAsLong() < giveUp) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spool.close();
    }
}
