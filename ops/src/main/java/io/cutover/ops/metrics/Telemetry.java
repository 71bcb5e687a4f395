package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The process's OpenTelemetry metrics: one {@link SdkMeterProvider} read by a Prometheus pull
 * reader, the {@link Meter} every instrument is created from, and the scrape rendered in the
 * Prometheus text format for the admin listener's {@code GET /metrics}.
 *
 * <p>No HTTP server is started here: serving the scrape is the admin listener's job, so that
 * all sockets are owned by one place.
 */
public final class Telemetry implements AutoCloseable {

    /** The {@code Content-Type} of {@link #scrape(OutputStream)}: text format 0.0.4, UTF-8. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** The instrumentation scope of Cutover's own instruments. */
    public static final String SCOPE = "io.cutover";

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final long SHUTDOWN_SECONDS = 5;

    private final PrometheusMetricReader reader;
    private final SdkMeterProvider provider;
    private final Meter meter;
    // Timestamps are off: Prometheus stamps a pull itself, and a stamped sample would only
    // invite clock-skew trouble.
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private volatile boolean closed;

    private Telemetry(String serviceName, Clock clock) {
        // Scope labels would repeat otel_scope_name="io.cutover" on every series; there is one
        // scope, so they carry no information. target_info keeps the resource (service name).
        this.reader = PrometheusMetricReader.builder()
                .setOtelScopeLabelsEnabled(false)
                .build();
        this.provider = SdkMeterProvider.builder()
                .setClock(clock)
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
                .registerMetricReader(reader)
                .build();
        this.meter = provider.get(SCOPE);
    }

    /** Telemetry on the system clock. */
    public static Telemetry create(String serviceName) {
        return create(serviceName, Clock.getDefault());
    }

    /** Telemetry on the given clock, which stamps the start and end of each collection. */
    public static Telemetry create(String serviceName, Clock clock) {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(clock, "clock");
        if (serviceName.isBlank()) {
            throw new IllegalArgumentException("serviceName: '" + serviceName + "' (expected: not blank)");
        }
        return new Telemetry(serviceName, clock);
    }

    /** The meter all of Cutover's instruments are built from. */
    public Meter meter() {
        return meter;
    }

    /**
     * Collects every instrument and writes the result in the Prometheus text format (0.0.4) to
     * {@code out}, which is flushed but not closed. Safe to call from several threads; the cost
     * grows with the number of series (a few hundred here), so call it on the admin listener's
     * loop, never on a client-facing one. After {@link #close()} the scrape is empty.
     */
    public void scrape(OutputStream out) throws IOException {
        if (!closed) {
            writer.write(out, reader.collect());
        }
        out.flush();
    }

    /**
     * Shuts the provider down: observable callbacks are no longer called and scrapes are
     * empty. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        provider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }
}
