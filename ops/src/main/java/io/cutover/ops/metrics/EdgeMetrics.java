package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * What the edge turned away before or instead of the normal flow: {@code
 * cutover_edge_refusals_total{reason}} (a request head not received in time, a connection over a
 * cap, a click over its client's rate) and {@code cutover_edge_rate_limited_total{kind}}, and
 * {@code cutover_edge_connections} open now.
 */
public final class EdgeMetrics {

    private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    private static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");

    private final LongCounter refusals;
    private final LongCounter rateLimited;
    private final Map<String, Attributes> attributes = new ConcurrentHashMap<>();
    private final Meter meter;

    public EdgeMetrics(Meter meter) {
        this.meter = meter;
        this.refusals = meter.counterBuilder("cutover.edge.refusals")
                .setDescription("Connections or requests the edge turned away, by reason.")
                .build();
        this.rateLimited = meter.counterBuilder("cutover.edge.rate_limited")
                .setDescription("Requests over their client's rate, by link kind (clicks 429, pixels queued).")
                .build();
    }

    /** Reports the client connections open now, read at each scrape. */
    public void watchConnections(IntSupplier openConnections) {
        meter.gaugeBuilder("cutover.edge.connections")
                .ofLongs()
                .setDescription("Client connections open now.")
                .buildWithCallback(m -> m.record(openConnections.getAsInt()));
    }

    /** Counts one refusal, e.g. {@code head_timeout}, {@code max_connections}, {@code max_connections_per_client}. */
    public void refused(String reason) {
        refusals.add(1, attributes.computeIfAbsent("r:" + reason, k -> Attributes.of(REASON, reason)));
    }

    /** Counts one request over its client's rate. */
    public void rateLimited(String kind) {
        rateLimited.add(1, attributes.computeIfAbsent("k:" + kind, k -> Attributes.of(KIND, kind)));
    }
}
