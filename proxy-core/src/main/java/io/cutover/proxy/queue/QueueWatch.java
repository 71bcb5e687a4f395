package io.cutover.proxy.queue;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.replay.ReplayObserver;
import io.cutover.failover.replay.ReplayRequest;
import io.cutover.ops.metrics.QueueDepthMetrics;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads the retry queue's and the dead letters' depth from SQS at an interval, for {@link
 * QueueDepthMetrics}, and estimates the age of the oldest event waiting.
 *
 * <p>SQS does not tell a queue's oldest message through its API (CloudWatch's {@code
 * ApproximateAgeOfOldestMessage} is the authority in production), so the age is Cutover's own
 * estimate: the oldest event this instance's replayer has received and not yet seen replayed or
 * dead — messages whose delivery failed go back to the queue, and waiting is what makes them old —
 * or, while the replayer has received none of what the queue holds (it waits while the primary's
 * breaker is open), the time since the queue was first seen holding messages. An empty queue has
 * age 0 and forgets both.
 *
 * <p>Also a {@link ReplayObserver}, to be told of those receives; it forwards nothing.
 */
public final class QueueWatch implements ReplayObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWatch.class);
    private static final int MAX_TRACKED = 10_000;

    private final SqsAsyncClient sqs;
    private final String queueUrl;
    private final String deadLetterUrl;
    private final QueueDepthMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    // Event time (ms) → events of that time still waiting, as far as this instance knows.
    private final ConcurrentSkipListMap<Long, LongAdder> waiting = new ConcurrentSkipListMap<>();
    private final Map<String, Long> waitingIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong nonEmptySince = new AtomicLong();
    private volatile boolean failing;

    /**
     * @param deadLetterUrl the dead letters' URL, or {@code null} when there are none
     */
    public QueueWatch(
            SqsAsyncClient sqs, String queueUrl, String deadLetterUrl, QueueDepthMetrics metrics, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
        this.metrics = metrics;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("cutover-queue-watch", true));
    }

    /** Polls now, then once per {@code interval}. */
    public QueueWatch start(Duration interval) {
        timer.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads both queues once and updates the metrics; waits for the answers (on the watch's thread). */
    void poll() {
        try {
            long[] retry = depth(queueUrl);
            metrics.retryQueue(retry[0], retry[1], retry[2]);
            if (deadLetterUrl != null) {
                long[] dead = depth(deadLetterUrl);
                metrics.deadLetters(dead[0], dead[1], dead[2]);
            }
            long now = clock.millis();
            metrics.oldestAge(oldestAge(retry[0] + retry[1] + retry[2], now));
            metrics.polled(now / 1000);
            if (failing) {
                failing = false;
                LOG.info("Retry queue depth readable again");
            }
        } catch (InterruptedException e) {
            // Closing: the watch stops, nothing failed.
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            metrics.pollFailed();
            if (!failing) {
                failing = true;
                LOG.warn("Reading the retry queue's depth failed; the metrics keep the last values: {}", e.toString());
            }
        }
    }

    private long[] depth(String url) throws Exception {
        GetQueueAttributesResponse response = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .get(10, TimeUnit.SECONDS);
        Map<QueueAttributeName, String> attributes = response.attributes();
        return new long[] {
            count(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
            count(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
            count(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        };
    }

    private static long count(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The estimate described above, for a queue holding {@code depth} messages at {@code now}. */
    long oldestAge(long depth, long now) {
        if (depth <= 0) {
            nonEmptySince.set(0);
            waiting.clear();
            waitingIds.clear();
            return 0;
        }
        nonEmptySince.compareAndSet(0, now);
        Map.Entry<Long, LongAdder> oldest = waiting.firstEntry();
        long since = oldest != null ? oldest.getKey() : nonEmptySince.get();
        return Math.max(0, now - since);
    }

    @Override
    public void failed(QueuedEvent event, BackendFailure failure, int status, String detail, int receives) {
        if (waitingIds.size() < MAX_TRACKED
                && waitingIds.putIfAbsent(event.eventId(), event.receivedAtMillis()) == null) {
            waiting.computeIfAbsent(event.receivedAtMillis(), k -> new LongAdder())
                    .increment();
        }
    }

    @Override
    public void replayed(QueuedEvent event, ReplayRequest request, int status, int receives, long nanos) {
        forget(event.eventId());
    }

    @Override
    public void dead(QueuedEvent event, String eventId, String error) {
        if (eventId != null) {
            forget(eventId);
        }
    }

    private void forget(String eventId) {
        Long at = waitingIds.remove(eventId);
        if (at != null) {
            waiting.computeIfPresent(at, (k, n) -> {
                n.decrement();
                return n.sum() <= 0 ? null : n;
            });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
