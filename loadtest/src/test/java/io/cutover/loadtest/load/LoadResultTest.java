package io.cutover.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadResultTest {

    @Test
    void theWorstSlotIsTheSecondWithTheHighestPercentileNotTheRunsTail() {
        Histogram whole = new Histogram(3);
        TimeSlot calm = slot(0, 1_000, 1_000_000);
        // One second in which 2 % of the answers took 30 ms: the run's p99 hides it, the slot's does not.
        TimeSlot stalled = slot(1, 980, 1_000_000);
        stalled.latency().recordValueWithCount(30_000_000, 20);
        TimeSlot empty = slot(2, 0, 0);
        for (TimeSlot s : List.of(calm, stalled, calm)) {
            whole.add(s.latency());
        }

        LoadResult result = result(whole, List.of(calm, stalled, empty, calm));

        assertThat(result.millis(99)).isLessThan(2.0);
        assertThat(result.worstSlotMillis(99)).isCloseTo(30.0, offset(0.1));
        assertThat(result.worstSlotMillis(50)).isCloseTo(1.0, offset(0.01));
    }

    @Test
    void aRunWithoutAnswersHasNoWorstSlot() {
        LoadResult result = result(new Histogram(3), List.of(slot(0, 0, 0), slot(1, 0, 0)));

        assertThat(result.worstSlotMillis(99)).isZero();
    }

    private static TimeSlot slot(int second, int answers, long nanos) {
        Histogram latency = new Histogram(3);
        if (answers > 0) {
            latency.recordValueWithCount(nanos, answers);
        }
        return new TimeSlot(Duration.ofSeconds(second), answers, answers, latency, Map.of());
    }

    private static LoadResult result(Histogram latency, List<TimeSlot> slots) {
        return new LoadResult(
                null,
                Instant.EPOCH,
                Duration.ofSeconds(slots.size()),
                Duration.ofSeconds(slots.size()),
                null,
                slots.stream().mapToLong(TimeSlot::sent).sum(),
                latency,
                new Histogram(3),
                Map.of(),
                Map.of(),
                Map.of(),
                slots,
                List.of(),
                0);
    }
}
