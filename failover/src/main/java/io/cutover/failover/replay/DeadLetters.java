package io.cutover.failover.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The dead-letter queue and its way back: {@link #redrive} sends dead letters to the retry queue,
 * where the replayer takes them again. Used by {@code bin/cutover redrive} and {@code POST
 * /admin/redrive}.
 *
 * <p>Each message is sent to the retry queue (its body untouched, its attributes less the
 * dead-letter ones, so it starts with a fresh receive count) before it is deleted from the dead
 * letters: a failure between the two leaves a copy in both, which the platform's de-duplication
 * absorbs, never none.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** Hides a message being moved from other redrives for this long. */
    private static final int MOVE_VISIBILITY_SECONDS = 60;

    private final SqsAsyncClient sqs;
    private final String deadLetterUrl;
    private final String queueUrl;

    public DeadLetters(SqsAsyncClient sqs, String deadLetterUrl, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.deadLetterUrl = Objects.requireNonNull(deadLetterUrl, "deadLetterUrl");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    public String deadLetterUrl() {
        return deadLetterUrl;
    }

    public String queueUrl() {
        return queueUrl;
    }

    /**
     * What one redrive did.
     *
     * @param moved dead letters sent back to the retry queue
     * @param failed dead letters that could not be moved and are still dead
     * @param remaining the dead-letter queue's approximate depth afterwards (SQS's own estimate;
     *     -1 when it could not be read)
     */
    public record Redrive(int moved, int failed, long remaining) {

        /** {@code {"moved":3,"failed":0,"remaining":0}}. */
        public String toJson() {
            return "{\"moved\":" + moved + ",\"failed\":" + failed + ",\"remaining\":" + remaining + "}";
        }
    }

    /**
     * Moves up to {@code max} dead letters back to the retry queue, in batches, until the
     * dead-letter queue answers empty. Never completes exceptionally: a failure to reach SQS ends
     * the redrive early, with the counts so far.
     */
    public CompletableFuture<Redrive> redrive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
        AtomicInteger moved = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        return batch(max, moved, failed)
                .thenCompose(done -> depth())
                .thenApply(depth -> new Redrive(moved.get(), failed.get(), depth));
    }

    private CompletableFuture<Void> batch(int left, AtomicInteger moved, AtomicInteger failed) {
        if (left <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl)
                        .maxNumberOfMessages(Math.min(left, ReplaySettings.MAX_BATCH))
                        .waitTimeSeconds(1)
                        .visibilityTimeout(MOVE_VISIBILITY_SECONDS)
                        .messageAttributeNames("All"))
                .thenCompose(response -> {
                    List<Message> messages = response.messages();
                    if (messages.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    CompletableFuture<?>[] moves = new CompletableFuture<?>[messages.size()];
                    for (int i = 0; i < messages.size(); i++) {
                        moves[i] = move(messages.get(i)).thenAccept(ok -> (ok ? moved : failed).incrementAndGet());
                    }
                    int taken = messages.size();
                    return CompletableFuture.allOf(moves).thenCompose(all -> {
                        // A batch that moved nothing would only be received again: stop there.
                        boolean progress = failed.get() < taken || moved.get() > 0;
                        return progress ? batch(left - taken, moved, failed) : CompletableFuture.completedFuture(null);
                    });
                })
                .exceptionally(failure -> {
                    LOG.warn("Redrive from {} stopped: {}", deadLetterUrl, failure.toString());
                    return null;
                });
    }

    private CompletableFuture<Boolean> move(Message message) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.keySet().removeAll(DeadLetterAttributes.DEAD_ONLY);
        return sqs.sendMessage(r -> {
                    r.queueUrl(queueUrl).messageBody(message.body()).messageAttributes(attributes);
                    if (DeadLetterAttributes.isFifo(queueUrl)) {
                        // Not the event ID as de-duplication key: the queue would drop the
                        // redriven copy as a repeat of the original send within five minutes.
                        MessageAttributeValue id = attributes.get(DeadLetterAttributes.EVENT_ID);
                        String group = id == null ? message.messageId() : id.stringValue();
                        r.messageGroupId(group).messageDeduplicationId("redrive-" + message.messageId());
                    }
                })
                .thenCompose(sent ->
                        sqs.deleteMessage(r -> r.queueUrl(deadLetterUrl).receiptHandle(message.receiptHandle())))
                .handle((deleted, failure) -> {
                    if (failure != null) {
                        LOG.warn("Redriving message {} failed: {}", message.messageId(), failure.toString());
                        return false;
                    }
                    return true;
                });
    }

    /** The dead-letter queue's approximate depth, or -1 when SQS does not say. */
    public CompletableFuture<Long> depth() {
        return sqs.getQueueAttributes(r ->
                        r.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .thenApply(response -> {
                    String value = response.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                    return value == null ? -1L : Long.parseLong(value);
                })
                .exceptionally(failure -> -1L);
    }
}
