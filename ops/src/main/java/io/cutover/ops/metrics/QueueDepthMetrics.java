package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What waits in SQS, as last polled: the retry queue's and the dead letters' messages by state
 * ({@code visible}, {@code in_flight} — received and not yet deleted, {@code delayed}), the age of
 * the retry queue's oldest event, and failed polls. A poll that fails leaves the last values, and
 * {@code cutover_retry_queue_last_poll_seconds} says how fresh they are.
 */
public final class QueueDepthMetrics {

    /** The queue of events waiting for replay. */
    public static final String RETRY = "retry";

    /** The dead letters: events that replay gave up on. */
    public static final String DEAD_LETTER = "dead_letter";

    static final AttributeKey<String> QUEUE = AttributeKey.stringKey("queue");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("state");

    private final Depth retry = new Depth(RETRY);
    private final Depth deadLetter = new Depth(DEAD_LETTER);
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final AtomicLong lastPollEpochSeconds = new AtomicLong();
    private final LongCounter pollFailures;

    public QueueDepthMetrics(Meter meter) {
        Objects.requireNonNull(meter, "meter");
        meter.gaugeBuilder("cutover.retry_queue.messages")
                .setDescription("Messages in the retry queue and the dead letters as last polled, by state.")
                .ofLongs()
                .buildWithCallback(out -> {
                    for (Depth depth : new Depth[] {retry, deadLetter}) {
                        out.record(depth.visible.get(), depth.visibleTags);
                        out.record(depth.inFlight.get(), depth.inFlightTags);
                        out.record(depth.delayed.get(), depth.delayedTags);
                    }
                });
        meter.gaugeBuilder("cutover.retry_queue.oldest_age")
                .setDescription("Age of the oldest event waiting in the retry queue, 0 when it is empty.")
                .setUnit("s")
                .buildWithCallback(out -> out.record(oldestAgeMillis.get() / 1000.0));
        meter.gaugeBuilder("cutover.retry_queue.last_poll")
                .setDescription("When the queues' depth was last read from SQS, Unix time; 0 before the first read.")
                .setUnit("s")
                .ofLongs()
                .buildWithCallback(out -> out.record(lastPollEpochSeconds.get()));
        this.pollFailures = meter.counterBuilder("cutover.retry_queue.poll.failures")
                .setDescription("Reads of the queues' depth from SQS that failed.")
                .build();
        // Exported from the start, so an alert on its increase sees a series before the first failure.
        pollFailures.add(0);
    }

    /** The retry queue's depth as SQS reported it. */
    public void retryQueue(long visible, long inFlight, long delayed) {
        retry.set(visible, inFlight, delayed);
    }

    /** The dead letters' depth as SQS reported it. */
    public void deadLetters(long visible, long inFlight, long delayed) {
        deadLetter.set(visible, inFlight, delayed);
    }

    /** The oldest waiting event's age; 0 for an empty queue. */
    public void oldestAge(long millis) {
        oldestAgeMillis.set(Math.max(0, millis));
    }

    /** A poll completed at {@code epochSeconds}. */
    public void polled(long epochSeconds) {
        lastPollEpochSeconds.set(epochSeconds);
    }

    public void pollFailed() {
        pollFailures.add(1);
    }

    /** For tests and the admin state: the retry queue's visible + in-flight + delayed messages. */
    public long retryDepth() {
        return retry.total();
    }

    /** The dead letters' visible + in-flight + delayed messages. */
    public long deadLetterDepth() {
        return deadLetter.total();
    }

    /** The oldest waiting event's age in milliseconds, as last computed. */
    public long oldestAgeMillis() {
        return oldestAgeMillis.get();
    }

    private static final class Depth {
        final AtomicLong visible = new AtomicLong();
        final AtomicLong inFlight = new AtomicLong();
        final AtomicLong delayed = new AtomicLong();
        final Attributes visibleTags;
        final Attributes inFlightTags;
        final Attributes delayedTags;

        Depth(String queue) {
            visibleTags = Attributes.of(QUEUE, queue, STATE, "visible");
            inFlightTags = Attributes.of(QUEUE, queue, STATE, "in_flight");
            delayedTags = Attributes.of(QUEUE, queue, STATE, "delayed");
        }

        void set(long v, long i, long d) {
            visible.set(v);
            inFlight.set(i);
            delayed.set(d);
        }

        long total() {
            return visible.get() + inFlight.get() + delayed.get();
        }
    }
}
