package io.cutover.loadtest.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Records the fault windows of one run as they happen. A window opens when its fault is in force
 * (the simulator's switch returned), and closes when it is lifted; one still open when the run
 * ends closes then. Thread-safe.
 */
public final class FaultLog {

    private final LongSupplier ticker;
    private final long startNanos;
    private final Map<String, Long> open = new LinkedHashMap<>();
    private final List<FaultWindow> closed = new ArrayList<>();

    /** Starts the run's clock now. */
    public FaultLog(LongSupplier ticker) {
        this.ticker = ticker;
        this.startNanos = ticker.getAsLong();
    }

    /** Nanoseconds since the run started. */
    public long elapsedNanos() {
        return ticker.getAsLong() - startNanos;
    }

    /** The fault {@code label} is in force from now. Opening one already open is a scenario bug. */
    public synchronized void begin(String label) {
        if (open.putIfAbsent(label, elapsedNanos()) != null) {
            throw new IllegalStateException("fault window " + label + ": already open");
        }
    }

    /** The fault {@code label} is lifted now. */
    public synchronized void end(String label) {
        Long from = open.remove(label);
        if (from == null) {
            throw new IllegalStateException("fault window " + label + ": not open");
        }
        closed.add(window(label, from, elapsedNanos()));
    }

    /** Something that happened at one instant, e.g. a mapping reload. */
    public synchronized void instant(String label) {
        long now = elapsedNanos();
        closed.add(window(label, now, now));
    }

    /** Every window, by start; the ones still open end now. */
    public synchronized List<FaultWindow> windows() {
        List<FaultWindow> all = new ArrayList<>(closed);
        long now = elapsedNanos();
        open.forEach((label, from) -> all.add(window(label, from, now)));
        all.sort(Comparator.comparing(FaultWindow::from));
        return all;
    }

    private static FaultWindow window(String label, long from, long to) {
        return new FaultWindow(label, Duration.ofNanos(from), Duration.ofNanos(Math.max(from, to)));
    }
}
