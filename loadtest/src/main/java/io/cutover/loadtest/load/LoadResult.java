package io.cutover.loadtest.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run measured. Latencies are in nanoseconds; in the open model each runs from when its
 * request was due (so a stall of the server shows in full, not hidden by a slower send rate), in
 * the closed model from when it was sent.
 *
 * @param sendingTime from the start to the last request sent (the base of {@link #requestsPerSecond()})
 * @param elapsed from the start to the last answer (or timeout)
 * @param sent requests sent; every one of them ends as an answer or a failure, counted in {@code fates}
 * @param latency every answered request (failures included, at the time they failed)
 * @param serviceTime from the request's actual send to its answer's end (no queueing at the client)
 * @param latencyByEndpoint {@code r.cfm}, {@code sale.cfm}, … → latency
 * @param fates fate → count, over the whole run (as the run's {@link FateClassifier} named them)
 * @param failures requests without a whole answer, by why
 * @param slots the run in time slots, from 0
 * @param faults the fault windows and instants marked during the run
 * @param connectionsOpened connections the generator opened (new-connection requests each open one)
 */
public record LoadResult(
        LoadPlan plan,
        Instant startedAt,
        Duration sendingTime,
        Duration elapsed,
        StopReason stop,
        long sent,
        Histogram latency,
        Histogram serviceTime,
        Map<String, Histogram> latencyByEndpoint,
        Map<String, Long> fates,
        Map<Failure, Long> failures,
        List<TimeSlot> slots,
        List<FaultWindow> faults,
        long connectionsOpened) {

    public LoadResult {
        latencyByEndpoint = Map.copyOf(latencyByEndpoint);
        fates = Map.copyOf(fates);
        failures = Map.copyOf(failures);
        slots = List.copyOf(slots);
        faults = List.copyOf(faults);
    }

    /** Answers (of any status, failures not included) per second of sending. */
    public double requestsPerSecond() {
        double seconds = Math.max(sendingTime.toNanos(), 1) / 1e9;
        return (sent - failed()) / seconds;
    }

    /** A latency percentile in milliseconds. */
    public double millis(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e6;
    }

    /**
     * The highest latency percentile of any time slot that ended requests, in milliseconds. Where
     * a run's tail is a few bad seconds rather than spread over the run, this is far above
     * {@link #millis(double)} of the whole run.
     */
    public double worstSlotMillis(double percentile) {
        long worst = 0;
        for (TimeSlot slot : slots) {
            if (slot.latency().getTotalCount() > 0) {
                worst = Math.max(worst, slot.latency().getValueAtPercentile(percentile));
            }
        }
        return worst / 1e6;
    }

    /** The count of one fate. */
    public long fate(String name) {
        return fates.getOrDefault(name, 0L);
    }

    /** Requests that got no whole answer (connect, reset, timeout, bad response). */
    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
