package io.cutover.failover;

import java.util.concurrent.CompletionStage;

/**
 * One backend as the chain sees it: send a request, get an {@link Attempt} back.
 *
 * <p>Implementations never complete the stage exceptionally (every failure is an {@link
 * Attempt.Failed}), and always complete it by {@code deadlineNanos}, so the chain can answer in
 * time. They complete it on the thread that owns the client connection (an event loop), and the
 * chain continues there without a thread hop.
 *
 * @param <Q> the request context of the transport
 * @param <R> the response type of the transport
 */
public interface Backend<Q, R> {

    /** {@code primary} or {@code legacy}: the metric tag and log name. */
    String name();

    /**
     * Sends the request.
     *
     * @param deadlineNanos the absolute {@link System#nanoTime()} by which the stage completes
     */
    CompletionStage<Attempt<R>> send(Q request, long deadlineNanos);
}
