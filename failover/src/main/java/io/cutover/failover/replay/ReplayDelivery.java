package io.cutover.failover.replay;

import io.cutover.failover.Attempt;
import java.util.concurrent.CompletionStage;

/**
 * Sends one replay to one backend. The transport lives elsewhere (proxy-core's origin client), so
 * replays and live requests share one pooled, TLS-capable client with the same timeouts.
 *
 * <p>Implementations never complete the stage exceptionally (every failure is an {@link
 * Attempt.Failed}), complete it within the backend's response timeout, and release the response
 * themselves: the replayer needs only the status. Delivered means a 2xx or a 3xx (a redirect for
 * a click is an answer).
 */
public interface ReplayDelivery {

    /** {@code primary} or {@code legacy}. */
    String name();

    CompletionStage<Attempt<Void>> deliver(ReplayRequest request);
}
