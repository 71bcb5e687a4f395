package io.cutover.failover.queue;

import io.cutover.failover.Fate;
import java.util.concurrent.CompletionStage;

/**
 * Where every event that Cutover answered by itself goes, so that it reaches its platform later.
 * The answer waits for the returned stage: an event is durable before the shopper is answered.
 */
public interface RetryQueue extends AutoCloseable {

    /**
     * Makes one event durable.
     *
     * @return a stage that completes, never exceptionally and within the queue's bounded wait
     *     (plus the spool's fsync), with {@link Fate#QUEUED} (SQS acknowledged), {@link
     *     Fate#SPOOLED} (on local disk, fsync'd) or {@link Fate#OVERFLOW} (neither could take it:
     *     logged whole). It may complete on any thread.
     */
    CompletionStage<Fate> enqueue(QueuedEvent event);

    /** Flushes what is buffered and stops; events already answered are on SQS or in the spool. */
    @Override
    void close();
}
