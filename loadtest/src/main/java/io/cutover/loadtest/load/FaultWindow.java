package io.cutover.loadtest.load;

import java.time.Duration;

/**
 * A stretch of a run during which a fault was on (the primary down, SQS down, …), or an instant
 * ({@code start == end}: a reload, a kill), for the shaded bands of the report.
 *
 * @param start from the run's start
 * @param end from the run's start; for a window still open when the run ended, the run's end
 */
public record FaultWindow(String name, Duration start, Duration end) {

    public FaultWindow {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a fault window needs a name");
        }
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("fault window " + name + ": end before start");
        }
    }

    /** Whether this marks an instant rather than a window. */
    public boolean instant() {
        return start.equals(end);
    }
}
