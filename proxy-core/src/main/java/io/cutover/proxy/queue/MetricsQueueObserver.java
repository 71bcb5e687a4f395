package io.cutover.proxy.queue;

import io.cutover.failover.Fate;
import io.cutover.failover.queue.QueueObserver;
import io.cutover.ops.metrics.RetryQueueMetrics;
import java.util.ArrayList;
import java.util.List;

/** Feeds what the retry queue does into its metrics. */
final class MetricsQueueObserver implements QueueObserver {

    private final RetryQueueMetrics metrics;

    MetricsQueueObserver(RetryQueueMetrics metrics) {
        this.metrics = metrics;
    }

    /** The fate tags of durable waits, in {@link Fate} order. */
    static List<String> fateTags() {
        List<String> tags = new ArrayList<>();
        for (Fate fate : Fate.values()) {
            tags.add(fate.tag());
        }
        return tags;
    }

    @Override
    public void durable(Fate fate, long nanos) {
        metrics.durable(fate.ordinal(), nanos);
    }

    @Override
    public void sqsBatch(int entries, int failed) {
        metrics.sqsBatch(entries, failed);
    }

    @Override
    public void sqsUnavailable(Throwable cause) {
        metrics.sqsFailure();
    }

    @Override
    public void drained(int records) {
        metrics.drained(records);
    }

    @Override
    public void tornRecord() {
        metrics.tornRecord();
    }
}
