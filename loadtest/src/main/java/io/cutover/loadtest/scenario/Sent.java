package io.cutover.loadtest.scenario;

import io.cutover.failover.queue.QueuedEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the load sent and what it was answered, gathered while it runs: each event ID answered,
 * with the kind the ledger expects of it; statuses; requests without an answer; latency.
 * Thread-safe.
 */
public final class Sent implements Answers {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Map<String, QueuedEvent.Kind> events = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong withoutEventId = new AtomicLong();
    private final AtomicLong repeatedEventId = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    private final Histogram latency = new ConcurrentHistogram(HIGHEST_NANOS, 3);

    @Override
    public void answered(String target, int status, String eventId, long dueNanos, long latencyNanos) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        latency.recordValue(Math.min(Math.max(latencyNanos, 0), HIGHEST_NANOS));
        if (eventId == null) {
            withoutEventId.incrementAndGet();
        } else if (events.putIfAbsent(eventId, RequestMix.kindOf(target)) != null) {
            repeatedEventId.incrementAndGet();
        }
    }

    @Override
    public void failed(String target, long dueNanos, String reason) {
        unanswered.incrementAndGet();
        if (failureSamples.size() < 5) {
            failureSamples.add(target + ": " + reason);
        }
    }

    /** Every event ID answered, with its kind. */
    public Map<String, QueuedEvent.Kind> events() {
        return Map.copyOf(events);
    }

    /** Answers by status. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((status, count) -> out.put(status, count.get()));
        return out;
    }

    public long answered() {
        return statuses.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Requests that got no answer at all. */
    public long unanswered() {
        return unanswered.get();
    }

    /** Answers that carried no event ID: every tracked answer must. */
    public long withoutEventId() {
        return withoutEventId.get();
    }

    /** Answers that carried an event ID already given to another request: identity broken. */
    public long repeatedEventId() {
        return repeatedEventId.get();
    }

    public java.util.List<String> failureSamples() {
        return java.util.List.copyOf(failureSamples);
    }

    /** Latency from when each request was due, in nanoseconds; a copy. */
    public Histogram latency() {
        return latency.copy();
    }
}
