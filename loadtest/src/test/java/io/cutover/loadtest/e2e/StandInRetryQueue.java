package io.cutover.loadtest.e2e;

import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.queue.QueuedEventCodec;
import io.cutover.failover.replay.DeadLetterAttributes;
import io.cutover.loadtest.ledger.FateRecord;
import io.cutover.loadtest.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Puts events on the sandbox's retry queue the way the retry queue does: a {@link QueuedEvent}
 * in {@link QueuedEventCodec}'s form, through the real async SQS client, with the event ID as a
 * message attribute. The replay suites use it for events Cutover answered locally, until the
 * enqueue side records them itself; it then records the {@code queued} fate that side would.
 */
final class StandInRetryQueue {

    private final Sandbox sandbox;
    private final List<FateRecord> fates = new ArrayList<>();

    StandInRetryQueue(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Queues any event as given. */
    void send(QueuedEvent event) {
        put(event);
        fates.add(new FateRecord(event.eventId(), "queued"));
    }

    /**
     * Puts an event's message on the queue again without a new fate: the same message coming
     * back, as after a delete SQS never applied.
     */
    void again(QueuedEvent event) {
        put(event);
    }

    private void put(QueuedEvent event) {
        sandbox.sqs()
                .client()
                .sendMessage(r -> r.queueUrl(sandbox.sqs().queueUrl())
                        .messageBody(QueuedEventCodec.encode(event))
                        .messageAttributes(Map.of(
                                DeadLetterAttributes.EVENT_ID,
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue(event.eventId())
                                        .build())))
                .join();
    }

    /** The {@code queued} fates recorded so far. */
    List<FateRecord> fates() {
        return List.copyOf(fates);
    }
}
