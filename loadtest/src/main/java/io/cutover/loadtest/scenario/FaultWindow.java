package io.cutover.loadtest.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * A stretch of a run during which a fault was in force, as it really happened: from when the
 * fault was applied to when it was lifted, measured from the run's start. The report shades it.
 *
 * @param label what was wrong, e.g. {@code primary down} or {@code rate ×10}
 * @param from when it began, from the run's start
 * @param to when it ended; equal to {@code from} for an instant (a reload)
 */
public record FaultWindow(String label, Duration from, Duration to) {

    public FaultWindow {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isNegative() || to.compareTo(from) < 0) {
            throw new IllegalArgumentException("window " + label + ": " + from.toMillis() + ".." + to.toMillis()
                    + " ms (expected: 0 <= from <= to)");
        }
    }

    /** {@code primary down 2.50 s – 6.00 s}. */
    @Override
    public String toString() {
        return "%s %.2f s – %.2f s".formatted(label, from.toNanos() / 1e9, to.toNanos() / 1e9);
    }
}
