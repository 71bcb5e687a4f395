package io.cutover.proxy.flow;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;

/**
 * Told how every request ended: the metrics, the access log and the loss ledger hang off this.
 * Called on the event loop, once per request, before the response is written; implementations
 * must not block.
 */
public interface FlowObserver {

    /**
     * An event was received and given its ID; exactly one of {@link #tracked} or {@link
     * #rejected} follows for it.
     *
     * @param kind what it is, or {@code null} when it could not be classified
     */
    default void received(LinkKind kind, String eventId) {}

    /**
     * A tracked event reached its fate (not {@link Fate#REJECTED}: see {@link #rejected}).
     *
     * @param route where it went; its steps say what each backend did
     */
    void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos);

    /**
     * A request was answered with an error of Cutover's own. This is the {@link Fate#REJECTED}
     * fate of an event.
     *
     * @param kind what it was, or {@code null} when it could not even be classified
     * @param uri the request target as received, or {@code null} when it could not be read
     */
    void rejected(LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos);

    /** A request that is not tracked was passed through to legacy (or failed to be). */
    void passedThrough(Exchange exchange, int status, Route<?> route, long nanos);

    /** Observes nothing. */
    FlowObserver NONE = new FlowObserver() {
        @Override
        public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {}

        @Override
        public void rejected(
                LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {}

        @Override
        public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {}
    };
}
