package io.cutover.failover.guard;

import java.util.ArrayList;
import java.util.List;

/** Remembers what the guards reported, as {@code backend:event} lines. */
final class RecordingListener implements GuardListener {

    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void stateChanged(String backend, BreakerState from, BreakerState to) {
        events.add(backend + ":" + from.tag() + "->" + to.tag());
    }

    @Override
    public synchronized void bulkheadFull(String backend) {
        events.add(backend + ":bulkhead-full");
    }

    @Override
    public synchronized void retried(String backend) {
        events.add(backend + ":retried");
    }

    @Override
    public synchronized void retryBudgetExhausted(String backend) {
        events.add(backend + ":budget-exhausted");
    }
}
