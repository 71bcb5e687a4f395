package io.cutover.failover.guard;

import io.cutover.failover.Attempt;
import io.cutover.failover.Backend;
import io.cutover.failover.BackendFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A backend behind its guard: a call the breaker or the bulkhead refuses is not sent and fails at
 * once, without an exception ({@link BackendFailure#BREAKER_OPEN}, {@link
 * BackendFailure#BULKHEAD_FULL}); every other call reports its outcome to the guard when it ends.
 */
public final class GuardedBackend<Q, R> implements Backend<Q, R> {

    private final Backend<Q, R> delegate;
    private final BackendGuard guard;

    public GuardedBackend(Backend<Q, R> delegate, BackendGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    public BackendGuard guard() {
        return guard;
    }

    @Override
    public CompletionStage<Attempt<R>> send(Q request, long deadlineNanos) {
        BackendFailure refused = guard.tryAcquire();
        if (refused != null) {
            return CompletableFuture.completedFuture(Attempt.failed(
                    refused, refused == BackendFailure.BREAKER_OPEN ? "breaker open" : "bulkhead full", 0));
        }
        CompletionStage<Attempt<R>> sent;
        try {
            sent = delegate.send(request, deadlineNanos);
        } catch (RuntimeException e) {
            guard.release();
            throw e;
        }
        return sent.whenComplete((attempt, error) -> {
            if (attempt != null) {
                guard.record(attempt);
            } else {
                guard.release();
            }
        });
    }
}
