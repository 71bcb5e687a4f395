package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The metrics of the retry queue and its spool: how long a local answer waited to be durable, by
 * the fate it got (the cost of durable-before-answered); SQS batches and outages; the spool's
 * fill, backlog, drained and torn records. The spool gauges are read from the spool when scraped.
 */
public final class RetryQueueMetrics implements AutoCloseable {

    /** Finer than the request buckets at the low end: an fsync or an SQS round trip is a few ms. */
    public static final List<Double> DURABLE_BUCKETS_SECONDS =
            List.of(0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0);

    static final AttributeKey<String> FATE = AttributeKey.stringKey("fate");
    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    private final Meter meter;
    private final DoubleHistogram durable;
    private final Attributes[] fateTags;
    private final LongCounter sqsMessages;
    private final LongCounter sqsOutages;
    private final LongCounter drained;
    private final LongCounter torn;
    private final List<ObservableLongGauge> gauges = new ArrayList<>();

    private static final Attributes SENT = Attributes.of(RESULT, "sent");
    private static final Attributes REFUSED = Attributes.of(RESULT, "refused");

    /**
     * @param fates the fate tags a durable wait can end with, in the order callers index them
     */
    public RetryQueueMetrics(Meter meter, List<String> fates) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.durable = meter.histogramBuilder("cutover.retry_queue.durable.duration")
                .setDescription("Time a locally answered event waited to be durable (SQS ack or spool fsync), by fate.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURABLE_BUCKETS_SECONDS)
                .build();
        this.fateTags = new Attributes[fates.size()];
        for (int i = 0; i < fates.size(); i++) {
            fateTags[i] = Attributes.of(FATE, fates.get(i));
        }
        this.sqsMessages = meter.counterBuilder("cutover.retry_queue.sqs.messages")
                .setDescription("Events sent in SendMessageBatch calls that SQS answered, by result.")
                .build();
        this.sqsOutages = meter.counterBuilder("cutover.retry_queue.sqs.failures")
                .setDescription("Sends to SQS that failed or were not acknowledged in time.")
                .build();
        this.drained = meter.counterBuilder("cutover.spool.drained")
                .setDescription("Spooled events that reached SQS.")
                .build();
        this.torn = meter.counterBuilder("cutover.spool.torn_records")
                .setDescription("Spool records found torn (a crash mid-write) or corrupt, and skipped.")
                .build();
    }

    /** Binds the spool's gauges, read at each scrape. */
    public void bindSpool(LongSupplier bytes, long maxBytes, LongSupplier events, BooleanSupplier sqsAvailable) {
        gauges.add(gauge("cutover.spool.bytes", "Bytes held in the spool's segments.", bytes));
        gauges.add(gauge("cutover.spool.max_bytes", "The spool's bound; past it events overflow.", () -> maxBytes));
        gauges.add(gauge("cutover.spool.events", "Events in the spool, not yet drained to SQS.", events));
        gauges.add(gauge(
                "cutover.retry_queue.sqs.available",
                "1 while events go to SQS first, 0 while SQS counts as down and events are spooled.",
                () -> sqsAvailable.getAsBoolean() ? 1 : 0));
    }

    private ObservableLongGauge gauge(String name, String description, LongSupplier value) {
        return meter.gaugeBuilder(name)
                .setDescription(description)
                .ofLongs()
                .buildWithCallback(measurement -> measurement.record(value.getAsLong()));
    }

    /** One event became durable with the fate at {@code fate} (an index into the constructor's list). */
    public void durable(int fate, long nanos) {
        durable.record(EventMetrics.seconds(nanos), fateTags[fate]);
    }

    public void sqsBatch(int entries, int refused) {
        sqsMessages.add(entries - refused, SENT);
        if (refused > 0) {
            sqsMessages.add(refused, REFUSED);
        }
    }

    public void sqsFailure() {
        sqsOutages.add(1);
    }

    public void drained(int events) {
        drained.add(events);
    }

    public void tornRecord() {
        torn.add(1);
    }

    @Override
    public void close() {
        for (ObservableLongGauge gauge : gauges) {
            gauge.close();
        }
    }
}
