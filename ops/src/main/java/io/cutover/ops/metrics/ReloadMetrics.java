package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The metrics of hot reload: reloads of the mapping table and directory by trigger and outcome
 * (a refused reload leaves the old snapshot serving, so an alert wants to see it), when the
 * serving snapshot was last swapped in, and how many directory entries it holds.
 */
public final class ReloadMetrics {

    /** What starts a reload. */
    public static final List<String> TRIGGERS = List.of("watch", "admin", "refresh");

    static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("trigger");
    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");
    static final AttributeKey<String> ENTRY_KIND = AttributeKey.stringKey("kind");

    private final LongCounter reloads;
    private final Attributes[] ok;
    private final Attributes[] refused;
    private final AtomicLong lastSwapEpochSeconds = new AtomicLong();

    /**
     * @param merchants the serving directory's preloaded merchants, read at each scrape
     * @param affiliates the serving directory's preloaded affiliates
     */
    public ReloadMetrics(Meter meter, LongSupplier merchants, LongSupplier affiliates) {
        Objects.requireNonNull(meter, "meter");
        this.reloads = meter.counterBuilder("cutover.reloads")
                .setDescription("Reloads of the mapping table and directory, by trigger and result (ok, refused).")
                .build();
        this.ok = new Attributes[TRIGGERS.size()];
        this.refused = new Attributes[TRIGGERS.size()];
        for (int i = 0; i < TRIGGERS.size(); i++) {
            ok[i] = Attributes.of(TRIGGER, TRIGGERS.get(i), RESULT, "ok");
            refused[i] = Attributes.of(TRIGGER, TRIGGERS.get(i), RESULT, "refused");
        }
        meter.gaugeBuilder("cutover.reload.last_swap")
                .setDescription("When the serving mapping and directory were swapped in, Unix time.")
                .setUnit("s")
                .ofLongs()
                .buildWithCallback(gauge -> gauge.record(lastSwapEpochSeconds.get()));
        Attributes merchantKind = Attributes.of(ENTRY_KIND, "merchant");
        Attributes affiliateKind = Attributes.of(ENTRY_KIND, "affiliate");
        meter.gaugeBuilder("cutover.directory.entries")
                .setDescription("Entries of the serving directory's preload, by kind.")
                .ofLongs()
                .buildWithCallback(gauge -> {
                    gauge.record(merchants.getAsLong(), merchantKind);
                    gauge.record(affiliates.getAsLong(), affiliateKind);
                });
    }

    /**
     * Counts the directory's single-key loads (keys a preload missed): started, skipped (too many
     * at once) and failed, each only ever growing.
     */
    public void directoryLoads(Meter meter, LongSupplier started, LongSupplier skipped, LongSupplier failed) {
        Attributes startedResult = Attributes.of(RESULT, "started");
        Attributes skippedResult = Attributes.of(RESULT, "skipped");
        Attributes failedResult = Attributes.of(RESULT, "failed");
        meter.counterBuilder("cutover.directory.loads")
                .setDescription("Single-key directory loads after a preload missed a key, by result.")
                .buildWithCallback(counter -> {
                    counter.record(started.getAsLong(), startedResult);
                    counter.record(skipped.getAsLong(), skippedResult);
                    counter.record(failed.getAsLong(), failedResult);
                });
    }

    /** A snapshot was swapped in (at start, or by a reload). */
    public void swapped(long epochSeconds) {
        lastSwapEpochSeconds.set(epochSeconds);
    }

    /** Records one reload; {@code trigger} is one of {@link #TRIGGERS}. */
    public void reloaded(String trigger, boolean succeeded) {
        int i = TRIGGERS.indexOf(trigger);
        if (i < 0) {
            throw new IllegalArgumentException("trigger: " + trigger + " (expected: one of " + TRIGGERS + ")");
        }
        reloads.add(1, succeeded ? ok[i] : refused[i]);
    }
}
