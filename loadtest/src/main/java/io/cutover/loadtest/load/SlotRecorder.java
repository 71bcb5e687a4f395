package io.cutover.loadtest.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A lane's per-slot counts and histograms; merged over lanes at the end of the run. */
final class SlotRecorder {

    /** Slot histograms keep two significant digits: a second of a long run costs little memory. */
    static final int SLOT_DIGITS = 2;

    private final long startNanos;
    private final long slotNanos;
    private final int maxSlots;
    private final long highest;
    private final List<Slot> slots = new ArrayList<>();

    static final class Slot {
        long sent;
        long ended;
        Histogram latency;
        final Map<String, long[]> fates = new HashMap<>();
    }

    SlotRecorder(long startNanos, long slotNanos, int maxSlots, long highest) {
        this.startNanos = startNanos;
        this.slotNanos = slotNanos;
        this.maxSlots = maxSlots;
        this.highest = highest;
    }

    void sent(long dueNanos) {
        slot(dueNanos).sent++;
    }

    void ended(long endNanos, long latencyNanos, String fate) {
        Slot slot = slot(endNanos);
        slot.ended++;
        if (slot.latency == null) {
            slot.latency = new Histogram(1000, highest, SLOT_DIGITS);
        }
        slot.latency.recordValue(Math.min(latencyNanos, highest));
        long[] count = slot.fates.get(fate);
        if (count == null) {
            slot.fates.put(fate, new long[] {1});
        } else {
            count[0]++;
        }
    }

    private Slot slot(long nanos) {
        int index = (int) Math.max(0, Math.min(maxSlots - 1, (nanos - startNanos) / slotNanos));
        while (slots.size() <= index) {
            slots.add(new Slot());
        }
        return slots.get(index);
    }

    /** Sums the lanes' slots into the result's. */
    static List<TimeSlot> merge(List<SlotRecorder> lanes, long slotNanos, long highest) {
        int count = lanes.stream().mapToInt(l -> l.slots.size()).max().orElse(0);
        List<TimeSlot> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long sent = 0;
            long ended = 0;
            Histogram latency = new Histogram(1000, highest, SLOT_DIGITS);
            Map<String, Long> fates = new HashMap<>();
            for (SlotRecorder lane : lanes) {
                if (i >= lane.slots.size()) {
                    continue;
                }
                Slot slot = lane.slots.get(i);
                sent += slot.sent;
                ended += slot.ended;
                if (slot.latency != null) {
                    latency.add(slot.latency);
                }
                slot.fates.forEach((fate, n) -> fates.merge(fate, n[0], Long::sum));
            }
            out.add(new TimeSlot(Duration.ofNanos(i * slotNanos), sent, ended, latency, fates));
        }
        return out;
    }
}
