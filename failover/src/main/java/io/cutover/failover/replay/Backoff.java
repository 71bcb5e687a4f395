package io.cutover.failover.replay;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with equal jitter: after the n-th consecutive failure, a pause between half
 * and all of {@code min(max, base × 2^(n-1))}. The jitter spreads the replays of many instances
 * so that a recovering primary does not meet them all at once; the lower half keeps the pause
 * from collapsing to nothing.
 */
public final class Backoff {

    private final long baseNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    /** @param random values in [0, 1); tests pass a fixed one */
    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException(
                    "backoff: base " + base + ", max " + max + " (expected: 0 < base <= max)");
        }
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The pause after {@code failures} consecutive failures; zero for none. */
    public Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long ceiling = baseNanos;
        for (int i = 1; i < failures && ceiling < maxNanos; i++) {
            ceiling = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
