package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * Events as they are received, before anything can go wrong with them: {@code
 * cutover_events_received_total} by kind, to hold against {@code cutover_events_total} (by kind
 * and fate). Received minus the sum of fates is what is in flight; it returns to zero when the
 * traffic stops, or an event was lost.
 */
public final class ReceivedMetrics {

    private static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");

    private final LongCounter received;
    private final Attributes[] kinds;

    /** @param kinds the kind tags, in the order callers index them */
    public ReceivedMetrics(Meter meter, List<String> kinds) {
        this.received = meter.counterBuilder("cutover.events.received")
                .setDescription("Events received (given an event ID), by link kind.")
                .build();
        this.kinds = new Attributes[kinds.size()];
        for (int i = 0; i < kinds.size(); i++) {
            this.kinds[i] = Attributes.of(KIND, kinds.get(i));
        }
    }

    /** Counts one event of the kind at {@code kind}. */
    public void received(int kind) {
        received.add(1, kinds[kind]);
    }
}
