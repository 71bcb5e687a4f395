package io.cutover.proxy.flow;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import java.util.List;

/** Several observers told in turn, in the order given. */
public final class FlowObservers implements FlowObserver {

    private final FlowObserver[] observers;

    private FlowObservers(List<FlowObserver> observers) {
        this.observers = observers.toArray(FlowObserver[]::new);
    }

    public static FlowObserver of(FlowObserver... observers) {
        return observers.length == 1 ? observers[0] : new FlowObservers(List.of(observers));
    }

    @Override
    public void received(LinkKind kind, String eventId) {
        for (FlowObserver observer : observers) {
            observer.received(kind, eventId);
        }
    }

    @Override
    public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
        for (FlowObserver observer : observers) {
            observer.tracked(exchange, fate, status, route, nanos);
        }
    }

    @Override
    public void rejected(LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {
        for (FlowObserver observer : observers) {
            observer.rejected(kind, reason, eventId, uri, clientIp, nanos);
        }
    }

    @Override
    public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {
        for (FlowObserver observer : observers) {
            observer.passedThrough(exchange, status, route, nanos);
        }
    }
}
