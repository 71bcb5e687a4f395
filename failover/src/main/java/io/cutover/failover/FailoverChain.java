package io.cutover.failover;

import io.cutover.failover.guard.RetryPolicy;
import io.cutover.failover.guard.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The way of one tracked request: the primary first (when the request could be translated), then
 * the legacy platform (when configured, and only when the primary certainly did not count the
 * request), then Cutover's own answer.
 *
 * <p>An attempt that certainly never left (a refused connect, a failed write) may be tried again at
 * the same backend, after a jittered backoff on the {@link Scheduler}, when the backend's {@link
 * RetryPolicy} and the request's deadline allow; every attempt is one {@link Route.Step}.
 *
 * <p>The chain is stateless and runs on whatever thread completes the backends' stages; with the
 * Netty backends that is the client connection's event loop, so there is no thread hop and no
 * lock.
 *
 * @param <Q> the request context of the transport
 * @param <R> the response type of the transport
 */
public final class FailoverChain<Q, R> {

    private final Backend<Q, R> primary;
    private final Backend<Q, R> legacy;
    private final LongSupplier ticker;
    private final long minimumAttemptNanos;
    private final RetryPolicy primaryRetry;
    private final RetryPolicy legacyRetry;
    private final Scheduler scheduler;

    /**
     * @param primary the primary backend
     * @param legacy the legacy backend, or {@code null} once the legacy platform is retired
     * @param ticker the nanosecond clock deadlines are measured on
     * @param minimumAttemptNanos an attempt with less time left than this is not started: it could
     *     not answer in time, and starting it would only cost a connection
     */
    public FailoverChain(Backend<Q, R> primary, Backend<Q, R> legacy, LongSupplier ticker, long minimumAttemptNanos) {
        this(primary, legacy, ticker, minimumAttemptNanos, RetryPolicy.none(), RetryPolicy.none(), null);
    }

    private FailoverChain(
            Backend<Q, R> primary,
            Backend<Q, R> legacy,
            LongSupplier ticker,
            long minimumAttemptNanos,
            RetryPolicy primaryRetry,
            RetryPolicy legacyRetry,
            Scheduler scheduler) {
        if (primary == null) {
            throw new IllegalArgumentException("primary: null (expected: a backend)");
        }
        if (minimumAttemptNanos < 0) {
            throw new IllegalArgumentException("minimumAttemptNanos: " + minimumAttemptNanos + " (expected: >= 0)");
        }
        this.primary = primary;
        this.legacy = legacy;
        this.ticker = ticker;
        this.minimumAttemptNanos = minimumAttemptNanos;
        this.primaryRetry = primaryRetry;
        this.legacyRetry = legacyRetry;
        this.scheduler = scheduler;
    }

    /**
     * The same chain, retrying attempts that never left as each backend's policy allows.
     *
     * @param scheduler runs a retry after its backoff, on the thread the chain runs on
     */
    public FailoverChain<Q, R> withRetries(RetryPolicy primaryRetry, RetryPolicy legacyRetry, Scheduler scheduler) {
        if (primaryRetry == null || legacyRetry == null || scheduler == null) {
            throw new IllegalArgumentException("retry policies, scheduler: null (expected: values)");
        }
        return new FailoverChain<>(primary, legacy, ticker, minimumAttemptNanos, primaryRetry, legacyRetry, scheduler);
    }

    /** Whether a legacy backend is configured. */
    public boolean hasLegacy() {
        return legacy != null;
    }

    /**
     * Routes one request.
     *
     * @param request the transport's request context, passed to each backend
     * @param translated whether the request was translated for the primary; an untranslated one
     *     goes to legacy unchanged (legacy still knows its own links)
     * @param deadline the request's budget, shared by all attempts
     * @return a stage that never completes exceptionally and completes by the deadline
     */
    public CompletionStage<Route<R>> route(Q request, boolean translated, Deadline deadline) {
        List<Route.Step> steps = new ArrayList<>(2);
        if (translated) {
            return attempt(primary, primaryRetry, request, deadline, steps).thenCompose(attempt -> {
                if (attempt instanceof Attempt.Answered<R> answered) {
                    return done(Fate.PRIMARY, answered, steps);
                }
                BackendFailure failure = ((Attempt.Failed<R>) attempt).failure();
                if (failure.mayHaveCounted()) {
                    // The primary may have counted it: sending it to legacy as
                    // well would count it twice. It is answered locally.
                    return local(steps);
                }
                return viaLegacy(request, deadline, steps);
            });
        }
        return viaLegacy(request, deadline, steps);
    }

    private CompletionStage<Route<R>> viaLegacy(Q request, Deadline deadline, List<Route.Step> steps) {
        if (legacy == null) {
            return local(steps);
        }
        return attempt(legacy, legacyRetry, request, deadline, steps)
                .thenCompose(attempt -> attempt instanceof Attempt.Answered<R> answered
                        ? done(Fate.LEGACY, answered, steps)
                        : local(steps));
    }

    private CompletionStage<Attempt<R>> attempt(
            Backend<Q, R> backend, RetryPolicy retry, Q request, Deadline deadline, List<Route.Step> steps) {
        return attempt(backend, request, deadline, steps).thenCompose(first -> {
            if (first instanceof Attempt.Failed<R> failed && failed.failure().notSent()) {
                return CompletableFuture.completedFuture(first);
            }
            // Only calls that reached the backend's client earn retries for others.
            retry.firstAttempt();
            return retried(backend, retry, request, deadline, steps, first, 0);
        });
    }

    private CompletionStage<Attempt<R>> retried(
            Backend<Q, R> backend,
            RetryPolicy retry,
            Q request,
            Deadline deadline,
            List<Route.Step> steps,
            Attempt<R> last,
            int retriesDone) {
        if (!(last instanceof Attempt.Failed<R> failed) || scheduler == null) {
            return CompletableFuture.completedFuture(last);
        }
        long delay = retry.retryDelay(failed.failure(), retriesDone, deadline.remainingNanos(), minimumAttemptNanos);
        if (delay < 0) {
            return CompletableFuture.completedFuture(last);
        }
        CompletableFuture<Attempt<R>> next = new CompletableFuture<>();
        try {
            scheduler.schedule(
                    () -> attempt(backend, request, deadline, steps)
                            .thenCompose(
                                    again -> retried(backend, retry, request, deadline, steps, again, retriesDone + 1))
                            .thenAccept(next::complete),
                    delay);
        } catch (RuntimeException e) {
            // A loop shutting down refuses the task: the request ends with what it has.
            return CompletableFuture.completedFuture(last);
        }
        return next;
    }

    private CompletionStage<Attempt<R>> attempt(
            Backend<Q, R> backend, Q request, Deadline deadline, List<Route.Step> steps) {
        if (deadline.remainingNanos() < minimumAttemptNanos) {
            steps.add(new Route.Step(backend.name(), BackendFailure.DEADLINE, 0, 0, ticker.getAsLong()));
            return CompletableFuture.completedFuture(Attempt.failed(BackendFailure.DEADLINE, "no time left", 0));
        }
        long started = ticker.getAsLong();
        CompletionStage<Attempt<R>> sent;
        try {
            sent = backend.send(request, deadline.nanos());
        } catch (RuntimeException e) {
            // A backend bug must not cost the shopper the answer.
            sent = CompletableFuture.completedFuture(Attempt.failed(BackendFailure.WRITE, String.valueOf(e), 0));
        }
        return sent.thenApply(attempt -> {
            steps.add(step(backend.name(), attempt, started, ticker.getAsLong() - started));
            return attempt;
        });
    }

    private static <R> Route.Step step(String backend, Attempt<R> attempt, long started, long nanos) {
        if (attempt instanceof Attempt.Answered<R> answered) {
            return new Route.Step(backend, null, answered.status(), nanos, started);
        }
        Attempt.Failed<R> failed = (Attempt.Failed<R>) attempt;
        return new Route.Step(backend, failed.failure(), failed.status(), nanos, started);
    }

    private CompletionStage<Route<R>> done(Fate fate, Attempt.Answered<R> answered, List<Route.Step> steps) {
        return CompletableFuture.completedFuture(new Route<>(fate, answered.response(), answered.status(), steps));
    }

    private CompletionStage<Route<R>> local(List<Route.Step> steps) {
        return CompletableFuture.completedFuture(Route.local(steps));
    }
}
