package io.cutover.failover;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The end-to-end budget of one request, shared by every attempt on its way. Time comes from an
 * injected nanosecond ticker so tests can drive it by hand.
 */
public final class Deadline {

    private final LongSupplier ticker;
    private final long deadlineNanos;

    private Deadline(LongSupplier ticker, long deadlineNanos) {
        this.ticker = ticker;
        this.deadlineNanos = deadlineNanos;
    }

    /** A deadline {@code budget} from now on {@code ticker}'s time line. */
    public static Deadline after(Duration budget, LongSupplier ticker) {
        return new Deadline(ticker, ticker.getAsLong() + budget.toNanos());
    }

    /** The absolute ticker value at which the budget is spent. */
    public long nanos() {
        return deadlineNanos;
    }

    /** What is left of the budget, never negative. */
    public long remainingNanos() {
        return Math.max(0, deadlineNanos - ticker.getAsLong());
    }
}
