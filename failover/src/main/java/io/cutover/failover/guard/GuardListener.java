package io.cutover.failover.guard;

/**
 * What the guards tell metrics. Called on whatever thread made the change (an event loop): keep
 * it cheap and never blocking.
 */
public interface GuardListener {

    /** A breaker changed state. */
    void stateChanged(String backend, BreakerState from, BreakerState to);

    /** A call was not sent because the backend's bulkhead was full. */
    void bulkheadFull(String backend);

    /** An attempt that never left is tried again. */
    void retried(String backend);

    /** An attempt could have been retried but the retry budget was spent. */
    void retryBudgetExhausted(String backend);

    /** Listens to nothing. */
    GuardListener NONE = new GuardListener() {
        @Override
        public void stateChanged(String backend, BreakerState from, BreakerState to) {}

        @Override
        public void bulkheadFull(String backend) {}

        @Override
        public void retried(String backend) {}

        @Override
        public void retryBudgetExhausted(String backend) {}
    };
}
