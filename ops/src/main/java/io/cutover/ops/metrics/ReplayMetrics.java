package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The replayer's metrics: the later fates of queued events ({@code replayed}, {@code dead}) by
 * backend, failed deliveries by backend and outcome, how late a replay arrives after the
 * shopper's request, and dead letters redriven.
 *
 * <p>The first fates ({@code primary} … {@code rejected}) stay in {@code cutover.events}, so that
 * received = the sum of its fates; {@code cutover.replay.events} then says what became of the
 * queued and spooled ones. Off the hot path: tags are built per call.
 */
public final class ReplayMetrics {

    /** The later fates. */
    public static final String REPLAYED = "replayed";

    public static final String DEAD = "dead";

    /** Seconds from the shopper's request to its replay: seconds in a blip, hours in an outage. */
    public static final List<Double> DELAY_BUCKETS_SECONDS =
            List.of(1.0, 5.0, 15.0, 30.0, 60.0, 300.0, 900.0, 3600.0, 14400.0, 86400.0);

    static final AttributeKey<String> FATE = AttributeKey.stringKey("fate");
    static final AttributeKey<String> BACKEND = AttributeKey.stringKey("backend");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

    private final LongCounter events;
    private final LongCounter failures;
    private final DoubleHistogram delay;
    private final LongCounter redriven;

    public ReplayMetrics(Meter meter) {
        Objects.requireNonNull(meter, "meter");
        this.events = meter.counterBuilder("cutover.replay.events")
                .setDescription(
                        "Queued events that reached a later fate: replayed, or dead (in the dead-letter queue).")
                .build();
        this.failures = meter.counterBuilder("cutover.replay.failures")
                .setDescription("Replay deliveries that failed, by backend and outcome; the message is retried.")
                .build();
        this.delay = meter.histogramBuilder("cutover.replay.delay")
                .setDescription("Time from the shopper's request to its confirmed replay.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DELAY_BUCKETS_SECONDS)
                .build();
        this.redriven = meter.counterBuilder("cutover.replay.redriven")
                .setDescription("Dead letters sent back to the retry queue.")
                .build();
    }

    /** An event replayed to {@code backend}, {@code delayMillis} after the shopper's request. */
    public void replayed(String backend, long delayMillis) {
        Attributes tags = Attributes.of(FATE, REPLAYED, BACKEND, backend);
        events.add(1, tags);
        delay.record(Math.max(0, delayMillis) / (double) TimeUnit.SECONDS.toMillis(1), Attributes.of(BACKEND, backend));
    }

    /** An event moved to the dead letters; {@code backend} is {@code none} for an unreadable message. */
    public void dead(String backend) {
        events.add(1, Attributes.of(FATE, DEAD, BACKEND, backend));
    }

    /** A failed delivery, e.g. {@code primary}, {@code connect}. */
    public void failure(String backend, String outcome) {
        failures.add(1, Attributes.of(BACKEND, backend, OUTCOME, outcome));
    }

    /** Dead letters sent back. */
    public void redriven(int count) {
        if (count > 0) {
            redriven.add(count);
        }
    }
}
