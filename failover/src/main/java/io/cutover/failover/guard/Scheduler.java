package io.cutover.failover.guard;

/**
 * Runs a task later, on the thread the chain runs on (the client connection's event loop in the
 * server; a hand-driven queue in tests).
 */
@FunctionalInterface
public interface Scheduler {
    void schedule(Runnable task, long delayNanos);
}
