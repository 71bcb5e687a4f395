package io.cutover.loadtest.load;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One slot of a run (a second by default): requests sent in it (by when they were due) and answers
 * that ended in it, with their latencies (nanoseconds) and fates.
 */
public record TimeSlot(Duration start, long sent, long ended, Histogram latency, Map<String, Long> fates) {

    public TimeSlot {
        fates = Map.copyOf(fates);
    }
}
