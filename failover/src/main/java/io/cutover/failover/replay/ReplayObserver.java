package io.cutover.failover.replay;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.queue.QueuedEvent;

/**
 * Told what the replayer did with each message: metrics and the access log hang off this. Called
 * on the replayer's and the SQS client's threads; implementations must be thread-safe and quick.
 */
public interface ReplayObserver {

    /**
     * An event reached its backend: its fate is now {@code replayed}. Called once per event in
     * this process, when the delivery is confirmed (before the message is deleted).
     *
     * @param receives how many times SQS had handed the message out, this time included
     */
    void replayed(QueuedEvent event, ReplayRequest request, int status, int receives, long nanos);

    /** A delivery failed; the message is kept and comes back after a backoff. */
    void failed(QueuedEvent event, BackendFailure failure, int status, String detail, int receives);

    /**
     * A message went to the dead-letter queue: its fate is now {@code dead}.
     *
     * @param event the event, or {@code null} when the message could not be read
     * @param eventId the event ID, from the event or the message's attribute; {@code null} if
     *     neither has one
     * @param error the last error, also kept on the dead letter
     */
    void dead(QueuedEvent event, String eventId, String error);

    /** Observes nothing. */
    ReplayObserver NONE = new ReplayObserver() {
        @Override
        public void replayed(QueuedEvent event, ReplayRequest request, int status, int receives, long nanos) {}

        @Override
        public void failed(QueuedEvent event, BackendFailure failure, int status, String detail, int receives) {}

        @Override
        public void dead(QueuedEvent event, String eventId, String error) {}
    };
}
