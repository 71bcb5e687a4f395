package io.cutover.proxy.flow;

import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.guard.GuardListener;
import java.util.List;

/** Several guard listeners told in turn, in the order given. */
public final class GuardListeners implements GuardListener {

    private final GuardListener[] listeners;

    private GuardListeners(List<GuardListener> listeners) {
        this.listeners = listeners.toArray(GuardListener[]::new);
    }

    public static GuardListener of(GuardListener... listeners) {
        return listeners.length == 1 ? listeners[0] : new GuardListeners(List.of(listeners));
    }

    @Override
    public void stateChanged(String backend, BreakerState from, BreakerState to) {
        for (GuardListener listener : listeners) {
            listener.stateChanged(backend, from, to);
        }
    }

    @Override
    public void bulkheadFull(String backend) {
        for (GuardListener listener : listeners) {
            listener.bulkheadFull(backend);
        }
    }

    @Override
    public void retried(String backend) {
        for (GuardListener listener : listeners) {
            listener.retried(backend);
        }
    }

    @Override
    public void retryBudgetExhausted(String backend) {
        for (GuardListener listener : listeners) {
            listener.retryBudgetExhausted(backend);
        }
    }
}
