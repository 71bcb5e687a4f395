package io.cutover.failover.queue;

import io.cutover.failover.Fate;

/**
 * Told what the retry queue and its spool do, for metrics and alerts. Called from the queue's
 * and the spool's own threads; implementations must be cheap and thread-safe.
 */
public interface QueueObserver {

    /** An event became durable with {@code fate} after waiting {@code nanos}. */
    default void durable(Fate fate, long nanos) {}

    /** A SendMessageBatch answered; {@code failed} of its {@code entries} were refused. */
    default void sqsBatch(int entries, int failed) {}

    /** A send to SQS failed or did not answer within the acknowledgement timeout. */
    default void sqsUnavailable(Throwable cause) {}

    /** SQS answered again after being unavailable. */
    default void sqsRecovered() {}

    /** {@code records} spooled events reached SQS and their segment was deleted. */
    default void drained(int records) {}

    /** A record of a spool segment was torn (a crash mid-write) or corrupt, and skipped. */
    default void tornRecord() {}

    /** Nothing observed. */
    QueueObserver NONE = new QueueObserver() {};
}
