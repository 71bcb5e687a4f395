package io.cutover.failover.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Sends events to one SQS queue in batches: a {@code SendMessageBatch} goes out as soon as
 * {@code maxBatch} (at most 10, SQS's limit) events wait, or when the first of them has waited
 * {@code linger}. Each event's stage completes when SQS acknowledged that entry, or fails with
 * the entry's error or the call's.
 *
 * <p>Every message carries the event ID as the message attribute {@value #EVENT_ID}; on a FIFO
 * queue (its URL ends in {@code .fifo}) the event ID is also the de-duplication ID and the
 * message group, so replays stay unordered and duplicates within SQS's window are dropped.
 */
public final class SqsSender {

    /** The message attribute that carries the event ID. */
    public static final String EVENT_ID = "eventId";

    /** SQS takes at most ten entries per batch. */
    public static final int MAX_BATCH = 10;

    private final SqsAsyncClient client;
    private final String queueUrl;
    private final boolean fifo;
    private final int maxBatch;
    private final long lingerNanos;
    private final ScheduledExecutorService scheduler;
    private final QueueObserver observer;
    private List<Pending> pending = new ArrayList<>(MAX_BATCH);

    public SqsSender(
            SqsAsyncClient client,
            String queueUrl,
            int maxBatch,
            Duration linger,
            ScheduledExecutorService scheduler,
            QueueObserver observer) {
        if (maxBatch < 1 || maxBatch > MAX_BATCH) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: 1 to " + MAX_BATCH + ")");
        }
        this.client = client;
        this.queueUrl = queueUrl;
        this.fifo = queueUrl.endsWith(".fifo");
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.scheduler = scheduler;
        this.observer = observer;
    }

    public String queueUrl() {
        return queueUrl;
    }

    /** Queues one event for the next batch; the stage completes on an SDK thread. */
    public CompletableFuture<Void> send(QueuedEvent event) {
        Pending entry = new Pending(event, new CompletableFuture<>());
        List<Pending> full = null;
        boolean first;
        synchronized (this) {
            pending.add(entry);
            first = pending.size() == 1;
            if (pending.size() >= maxBatch) {
                full = pending;
                pending = new ArrayList<>(MAX_BATCH);
            }
        }
        if (full != null) {
            // Never on the caller's thread: it may be an event loop, and the SDK may block there
            // (credentials, first connection).
            List<Pending> batch = full;
            scheduler.execute(() -> sendBatch(batch));
        } else if (first) {
            scheduler.schedule(this::flush, lingerNanos, TimeUnit.NANOSECONDS);
        }
        return entry.acked;
    }

    /** Sends whatever waits now. */
    public void flush() {
        List<Pending> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>(MAX_BATCH);
        }
        sendBatch(batch);
    }

    /** Whether SQS answers for the queue: a cheap call the drainer uses to probe after an outage. */
    public CompletableFuture<Void> probe() {
        return client.getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                        .build())
                .thenApply(response -> null);
    }

    private void sendBatch(List<Pending> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        Map<String, Pending> byId = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            String id = Integer.toString(i);
            byId.put(id, p);
            entries.add(entry(id, p.event));
        }
        try {
            client.sendMessageBatch(SendMessageBatchRequest.builder()
                            .queueUrl(queueUrl)
                            .entries(entries)
                            .build())
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            for (Pending p : batch) {
                                p.acked.completeExceptionally(error);
                            }
                            return;
                        }
                        for (SendMessageBatchResultEntry ok : response.successful()) {
                            Pending p = byId.remove(ok.id());
                            if (p != null) {
                                p.acked.complete(null);
                            }
                        }
                        for (BatchResultErrorEntry failed : response.failed()) {
                            Pending p = byId.remove(failed.id());
                            if (p != null) {
                                p.acked.completeExceptionally(new SqsEntryException(failed));
                            }
                        }
                        for (Pending p : byId.values()) {
                            p.acked.completeExceptionally(
                                    new IllegalStateException("SQS answered without entry for " + p.event.eventId()));
                        }
                        observer.sqsBatch(batch.size(), response.failed().size());
                    });
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.acked.completeExceptionally(e);
            }
        }
    }

    private SendMessageBatchRequestEntry entry(String id, QueuedEvent event) {
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(QueuedEventCodec.encode(event))
                .messageAttributes(Map.of(
                        EVENT_ID,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(event.eventId())
                                .build()));
        if (fifo) {
            entry.messageDeduplicationId(event.eventId()).messageGroupId(event.eventId());
        }
        return entry.build();
    }

    /** One entry SQS refused, with its code. */
    public static final class SqsEntryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean senderFault;

        /** Whether SQS blames the message itself: sending it again fails again. */
        public boolean senderFault() {
            return senderFault;
        }

        SqsEntryException(BatchResultErrorEntry failed) {
            super(
                    failed.code() + ": " + failed.message()
                            + (Boolean.TRUE.equals(failed.senderFault()) ? " (sender fault)" : ""),
                    null,
                    false,
                    false);
            this.senderFault = Boolean.TRUE.equals(failed.senderFault());
        }
    }

    private record Pending(QueuedEvent event, CompletableFuture<Void> acked) {}
}
