package io.cutover.proxy.flow;

import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.guard.GuardListener;
import io.cutover.ops.metrics.GuardMetrics;

/** Turns what the backends' guards report into their metrics. */
public final class GuardRecorder implements GuardListener {

    private final GuardMetrics metrics;

    public GuardRecorder(GuardMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void stateChanged(String backend, BreakerState from, BreakerState to) {
        metrics.transition(backend, from.tag(), to.tag());
    }

    @Override
    public void bulkheadFull(String backend) {
        metrics.bulkheadFull(backend);
    }

    @Override
    public void retried(String backend) {
        metrics.retried(backend);
    }

    @Override
    public void retryBudgetExhausted(String backend) {
        metrics.retryBudgetExhausted(backend);
    }
}
