package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * How full each backend's bulkhead is: its bound ({@code cutover_bulkhead_capacity}) and the
 * share of it in use ({@code cutover_bulkhead_saturation}, 0 to 1), read at each scrape. Beside
 * {@code cutover_bulkhead_in_flight} and {@code cutover_bulkhead_rejected_total} of {@link
 * GuardMetrics}: a saturation near 1 is the warning before the refusals start.
 */
public final class BulkheadMetrics {

    static final AttributeKey<String> BACKEND = AttributeKey.stringKey("backend");

    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    public BulkheadMetrics(Meter meter) {
        Objects.requireNonNull(meter, "meter");
        meter.gaugeBuilder("cutover.bulkhead.capacity")
                .setDescription("The most calls each backend's bulkhead lets be in flight at once.")
                .ofLongs()
                .buildWithCallback(out -> watched.values().forEach(w -> out.record(w.capacity, w.tags)));
        meter.gaugeBuilder("cutover.bulkhead.saturation")
                .setDescription("Calls in flight to each backend as a share of its bulkhead's capacity, 0 to 1.")
                .buildWithCallback(out -> watched.values()
                        .forEach(w -> out.record(Math.min(1.0, w.inFlight.getAsInt() / (double) w.capacity), w.tags)));
    }

    /** Reports a backend's bulkhead of {@code capacity} calls, {@code inFlight} of them used now. */
    public void watch(String backend, int capacity, IntSupplier inFlight) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        watched.put(backend, new Watched(Attributes.of(BACKEND, backend), capacity, inFlight));
    }

    private record Watched(Attributes tags, int capacity, IntSupplier inFlight) {}
}
