package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The directory's look-ups by how they were answered ({@code cutover_directory_lookups_total}):
 * {@code preloaded} from the whole-store preload, {@code cached} from a key loaded one by one
 * earlier (found or known absent), {@code missed} when neither had an answer yet (the request went
 * unmapped while the key loads). The hit rate is {@code (preloaded + cached) / all}; next to
 * {@code cutover_directory_entries} it says whether the preload holds what traffic asks for.
 */
public final class DirectoryCacheMetrics {

    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    /** Binds counters that only ever grow, read at each scrape. */
    public DirectoryCacheMetrics(Meter meter, LongSupplier preloaded, LongSupplier cached, LongSupplier missed) {
        Objects.requireNonNull(meter, "meter");
        Attributes preloadedResult = Attributes.of(RESULT, "preloaded");
        Attributes cachedResult = Attributes.of(RESULT, "cached");
        Attributes missedResult = Attributes.of(RESULT, "missed");
        meter.counterBuilder("cutover.directory.lookups")
                .setDescription("Directory look-ups of merchants and affiliates, by how they were answered.")
                .buildWithCallback(counter -> {
                    counter.record(preloaded.getAsLong(), preloadedResult);
                    counter.record(cached.getAsLong(), cachedResult);
                    counter.record(missed.getAsLong(), missedResult);
                });
    }
}
