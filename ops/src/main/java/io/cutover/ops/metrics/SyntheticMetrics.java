package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The synthetic click's results: runs by result ({@code ok} or the failed check), whether the
 * last one passed ({@code cutover_synthetic_up}, what the alert watches), when one last passed,
 * and how long a run took end to end.
 */
public final class SyntheticMetrics {

    /** The results of a run: passed, or the first check that failed. */
    public static final List<String> RESULTS =
            List.of("ok", "no_answer", "bad_status", "bad_landing", "no_event_id", "not_recorded", "not_primary");

    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    private final LongCounter runs;
    private final DoubleHistogram duration;
    private final Attributes[] resultTags;
    private final AtomicLong up = new AtomicLong(-1);
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();

    public SyntheticMetrics(Meter meter) {
        Objects.requireNonNull(meter, "meter");
        this.runs = meter.counterBuilder("cutover.synthetic.runs")
                .setDescription("Synthetic clicks sent through the whole chain, by result.")
                .build();
        this.duration = meter.histogramBuilder("cutover.synthetic.duration")
                .setDescription("Time of one synthetic click, from sending it to its event being confirmed.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(EventMetrics.DURATION_BUCKETS_SECONDS)
                .build();
        this.resultTags = new Attributes[RESULTS.size()];
        for (int i = 0; i < RESULTS.size(); i++) {
            resultTags[i] = Attributes.of(RESULT, RESULTS.get(i));
        }
        meter.gaugeBuilder("cutover.synthetic.up")
                .setDescription("1 when the last synthetic click landed and its event was recorded, 0 when it failed.")
                .ofLongs()
                .buildWithCallback(out -> {
                    long value = up.get();
                    if (value >= 0) {
                        out.record(value);
                    }
                });
        meter.gaugeBuilder("cutover.synthetic.last_success")
                .setDescription("When a synthetic click last passed every check, Unix time; 0 before the first.")
                .setUnit("s")
                .ofLongs()
                .buildWithCallback(out -> out.record(lastSuccessEpochSeconds.get()));
    }

    /** Records one run; {@code result} is one of {@link #RESULTS}. */
    public void ran(String result, long nanos, long epochSeconds) {
        int i = RESULTS.indexOf(result);
        if (i < 0) {
            throw new IllegalArgumentException("result: " + result + " (expected: one of " + RESULTS + ")");
        }
        runs.add(1, resultTags[i]);
        duration.record(EventMetrics.seconds(nanos));
        boolean ok = i == 0;
        up.set(ok ? 1 : 0);
        if (ok) {
            lastSuccessEpochSeconds.set(epochSeconds);
        }
    }
}
