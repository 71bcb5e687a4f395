package io.cutover.proxy.queue;

import io.cutover.failover.Fate;
import io.cutover.failover.queue.DurableRetryQueue;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.queue.RetryQueue;
import io.cutover.failover.queue.Spool;
import io.cutover.failover.queue.SpoolOptions;
import io.cutover.failover.queue.SqsClients;
import io.cutover.failover.queue.SqsSender;
import io.cutover.ops.metrics.RetryQueueMetrics;
import io.cutover.proxy.config.QueueSettings;
import io.cutover.proxy.config.SpoolSettings;
import io.opentelemetry.api.metrics.Meter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The retry queue as configured: the SQS client, the batcher's timer, the spool and the
 * drainer, started together and closed together (buffered batches flushed, the spool fsync'd).
 */
public final class RunningRetryQueue implements RetryQueue {

    private static final Logger log = LoggerFactory.getLogger(RunningRetryQueue.class);

    private final SqsAsyncClient client;
    private final ScheduledExecutorService timer;
    private final DurableRetryQueue queue;
    private final RetryQueueMetrics metrics;

    private RunningRetryQueue(
            SqsAsyncClient client, ScheduledExecutorService timer, DurableRetryQueue queue, RetryQueueMetrics metrics) {
        this.client = client;
        this.timer = timer;
        this.queue = queue;
        this.metrics = metrics;
    }

    /** Opens the spool (taking over what an earlier run left) and connects the SQS client. */
    public static RunningRetryQueue start(QueueSettings queue, SpoolSettings spool, Meter meter, LongSupplier ticker) {
        RetryQueueMetrics metrics = new RetryQueueMetrics(meter, MetricsQueueObserver.fateTags());
        MetricsQueueObserver observer = new MetricsQueueObserver(metrics);
        Spool opened = Spool.open(
                new SpoolOptions(
                        spool.dir(), spool.maxSize(), spool.segmentSize(), spool.maxBatch(), spool.warnPercent()),
                observer);
        SqsAsyncClient client = null;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cutover-sqs-linger");
            thread.setDaemon(true);
            return thread;
        });
        SqsSender sender = null;
        try {
            if (queue.url().isPresent()) {
                // A call gets a few acknowledgement timeouts: past that the event is spooled
                // anyway, and a drain retries.
                Duration callTimeout = queue.ackTimeout().multipliedBy(20);
                client = SqsClients.create(
                        queue.region(), queue.endpoint().orElse(null), queue.anonymous(), callTimeout);
                sender = new SqsSender(
                        client,
                        queue.url().map(URI::toString).orElseThrow(),
                        queue.maxBatch(),
                        queue.linger(),
                        timer,
                        observer);
            } else {
                log.warn(
                        "queue.url is not set: locally answered events are kept in the spool {} until a queue is configured",
                        spool.dir());
            }
        } catch (RuntimeException e) {
            opened.close();
            timer.shutdownNow();
            throw e;
        }
        DurableRetryQueue durable =
                new DurableRetryQueue(sender, opened, queue.ackTimeout(), queue.drainInterval(), observer, ticker);
        metrics.bindSpool(opened::bytes, opened.maxBytes(), opened::records, durable::sqsAvailable);
        return new RunningRetryQueue(client, timer, durable, metrics);
    }

    @Override
    public CompletionStage<Fate> enqueue(QueuedEvent event) {
        return queue.enqueue(event);
    }

    public Spool spool() {
        return queue.spool();
    }

    /** Whether a queue is configured at all (else every event stays in the spool). */
    public boolean sqsConfigured() {
        return client != null;
    }

    /** Whether events currently go to SQS first. */
    public boolean sqsAvailable() {
        return queue.sqsAvailable();
    }

    /**
     * Sends what the batcher holds and the spool's events to SQS, waiting at most {@code bound};
     * not for an event loop.
     *
     * @return the spooled events that reached SQS
     */
    public int flush(Duration bound) throws InterruptedException {
        return queue.flush(bound);
    }

    @Override
    public void close() {
        queue.close();
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client != null) {
            client.close();
        }
        metrics.close();
    }
}
