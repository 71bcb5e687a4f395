package io.cutover.loadtest.ledger;

import io.cutover.failover.queue.QueuedEventCodec;
import io.cutover.failover.replay.DeadLetterAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The event IDs in an SQS queue, read without consuming: each message is received, noted and made
 * visible again at once. Run it when nothing else receives from the queue (the replayer stopped
 * or its gate shut), or a message being delivered is missed.
 */
public final class QueueContents {

    private QueueContents() {}

    public static Set<String> eventIds(SqsAsyncClient sqs, String queueUrl) {
        Set<String> ids = new HashSet<>();
        List<Message> taken = new ArrayList<>();
        try {
            while (true) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .visibilityTimeout(30)
                                .messageAttributeNames("All"))
                        .join()
                        .messages();
                if (batch.isEmpty()) {
                    return ids;
                }
                for (Message message : batch) {
                    taken.add(message);
                    ids.add(eventId(message));
                }
            }
        } finally {
            for (Message message : taken) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl)
                                .receiptHandle(message.receiptHandle())
                                .visibilityTimeout(0))
                        .join();
            }
        }
    }

    private static String eventId(Message message) {
        try {
            return QueuedEventCodec.decode(message.body()).eventId();
        } catch (IllegalArgumentException e) {
            MessageAttributeValue id = message.messageAttributes().get(DeadLetterAttributes.EVENT_ID);
            return id == null ? "unreadable:" + message.messageId() : id.stringValue();
        }
    }
}
