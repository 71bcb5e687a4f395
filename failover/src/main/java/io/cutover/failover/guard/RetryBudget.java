package io.cutover.failover.guard;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many retries a backend may get: within the last window, at most {@code ratio} of the first
 * attempts plus a reserve of {@code minPerSecond} per second of the window (Finagle's {@code
 * RetryBudget}; Envoy's retry budget caps the same share). When a backend struggles, each
 * request fails fast and the budget runs dry at that share, so retries never multiply its load.
 *
 * <p>The window is ten buckets on the injected ticker. Shared by the event loops, it takes a
 * monitor for a few additions; retries are rare next to calls, and the critical section is far
 * shorter than any I/O it saves.
 */
public final class RetryBudget {

    private static final int BUCKETS = 10;

    private final double ratio;
    private final long reserve;
    private final long bucketNanos;
    private final LongSupplier ticker;
    private final long[] epochs = new long[BUCKETS];
    private final long[] firsts = new long[BUCKETS];
    private final long[] retries = new long[BUCKETS];

    public RetryBudget(double ratio, int minPerSecond, Duration window, LongSupplier ticker) {
        this.ratio = ratio;
        this.reserve = (long) minPerSecond * Math.max(1, window.toSeconds());
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        this.ticker = ticker;
        java.util.Arrays.fill(epochs, Long.MIN_VALUE);
    }

    /** Counts one first attempt: it earns {@code ratio} of a retry. */
    public synchronized void deposit() {
        firsts[bucket()]++;
    }

    /** Takes one retry from the budget; {@code false} when it is spent. */
    public synchronized boolean tryWithdraw() {
        int current = bucket();
        long epoch = epochs[current];
        long firstSum = 0;
        long retrySum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (epoch - epochs[i] < BUCKETS) {
                firstSum += firsts[i];
                retrySum += retries[i];
            }
        }
        if (retrySum + 1 > reserve + ratio * firstSum) {
            return false;
        }
        retries[current]++;
        return true;
    }

    private int bucket() {
        long epoch = Math.floorDiv(ticker.getAsLong(), bucketNanos);
        int i = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (epochs[i] != epoch) {
            epochs[i] = epoch;
            firsts[i] = 0;
            retries[i] = 0;
        }
        return i;
    }
}
