package io.cutover.loadtest.scenario;

import java.time.Duration;

/** The rate's multiplier over a run: 1 for a steady load, 10 inside a spike's window. */
@FunctionalInterface
public interface RateProfile {

    double multiplier(Duration elapsed);

    static RateProfile constant() {
        return elapsed -> 1;
    }

    /** {@code times} between {@code from} and {@code to}, 1 elsewhere. */
    static RateProfile spike(Duration from, Duration to, double times) {
        if (times <= 0) {
            throw new IllegalArgumentException("times: " + times + " (expected: > 0)");
        }
        return elapsed -> elapsed.compareTo(from) >= 0 && elapsed.compareTo(to) < 0 ? times : 1;
    }
}
