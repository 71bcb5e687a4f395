package io.cutover.failover.guard;

import java.time.Duration;

/** The checks the guard's settings share, with the one message style: {@code key: value (expected: …)}. */
final class GuardChecks {

    private GuardChecks() {}

    static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: " + min + " to " + max + ")");
        }
    }

    static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + text(value) + " (expected: > 0)");
        }
    }

    static String text(Duration d) {
        return d == null ? "missing" : d.toMillis() + "ms";
    }
}
