package io.cutover.proxy.replay;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.replay.ReplayObserver;
import io.cutover.failover.replay.ReplayRequest;

/** Two replay observers told of each message in turn. */
final class ReplayObservers implements ReplayObserver {

    private final ReplayObserver first;
    private final ReplayObserver second;

    private ReplayObservers(ReplayObserver first, ReplayObserver second) {
        this.first = first;
        this.second = second;
    }

    /** Both, or {@code first} alone when {@code second} is {@code null}. */
    static ReplayObserver of(ReplayObserver first, ReplayObserver second) {
        return second == null ? first : new ReplayObservers(first, second);
    }

    @Override
    public void replayed(QueuedEvent event, ReplayRequest request, int status, int receives, long nanos) {
        first.replayed(event, request, status, receives, nanos);
        second.replayed(event, request, status, receives, nanos);
    }

    @Override
    public void failed(QueuedEvent event, BackendFailure failure, int status, String detail, int receives) {
        first.failed(event, failure, status, detail, receives);
        second.failed(event, failure, status, detail, receives);
    }

    @Override
    public void dead(QueuedEvent event, String eventId, String error) {
        first.dead(event, eventId, error);
        second.dead(event, eventId, error);
    }
}
