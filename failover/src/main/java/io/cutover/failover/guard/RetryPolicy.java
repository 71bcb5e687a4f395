package io.cutover.failover.guard;

import io.cutover.failover.BackendFailure;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * When an attempt at one backend is tried again: only a failure that certainly never left and
 * may pass ({@link BackendFailure#retryable()}), at most {@code maxRetries} times per request,
 * only if the wait and a new attempt still fit the request's deadline, and only within the
 * backend's {@link RetryBudget}. The wait grows exponentially with "equal jitter" (half fixed,
 * half random), so retries of many requests do not arrive together.
 *
 * <p>Shared by the event loops of one backend.
 */
public final class RetryPolicy {

    private static final RetryPolicy NONE = new RetryPolicy();

    private final String backend;
    private final RetrySettings settings;
    private final RetryBudget budget;
    private final DoubleSupplier random;
    private final GuardListener listener;

    /**
     * @param ticker the nanosecond clock the budget's window runs on
     * @param random uniform in [0, 1), for the jitter
     */
    public RetryPolicy(
            String backend,
            RetrySettings settings,
            LongSupplier ticker,
            DoubleSupplier random,
            GuardListener listener) {
        this.backend = backend;
        this.settings = settings;
        this.budget = new RetryBudget(settings.budgetRatio(), settings.minPerSecond(), settings.budgetWindow(), ticker);
        this.random = random;
        this.listener = listener;
    }

    private RetryPolicy() {
        this.backend = "";
        this.settings = RetrySettings.none();
        this.budget = null;
        this.random = () -> 0;
        this.listener = GuardListener.NONE;
    }

    /** Never retries. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** Counts a first attempt that reached the backend's client: it earns budget for retries. */
    public void firstAttempt() {
        if (budget != null) {
            budget.deposit();
        }
    }

    /**
     * Decides on a retry, and takes it from the budget when granted.
     *
     * @param failure why the last attempt failed
     * @param retriesDone retries this request already had at this backend
     * @param remainingNanos what is left of the request's deadline
     * @param minimumAttemptNanos the least time an attempt needs to be worth starting
     * @return the wait before the retry in nanoseconds, or {@code -1} for no retry
     */
    public long retryDelay(BackendFailure failure, int retriesDone, long remainingNanos, long minimumAttemptNanos) {
        if (budget == null || !failure.retryable() || retriesDone >= settings.maxRetries()) {
            return -1;
        }
        long delay = backoffNanos(retriesDone + 1);
        if (remainingNanos - delay < Math.max(1, minimumAttemptNanos)) {
            return -1;
        }
        if (!budget.tryWithdraw()) {
            listener.retryBudgetExhausted(backend);
            return -1;
        }
        listener.retried(backend);
        return delay;
    }

    /** The wait before retry number {@code retry} (from 1): half of the capped exponential, plus up to as much again. */
    long backoffNanos(int retry) {
        long base = settings.backoff().toNanos();
        long max = settings.maxBackoff().toNanos();
        long cap = retry >= 31 ? max : Math.min(max, base << (retry - 1));
        long half = cap / 2;
        return half + (long) (random.getAsDouble() * (cap - half));
    }
}
