package io.cutover.ops.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The process's traces: one {@link SdkTracerProvider} whose spans go to an exporter in batches,
 * off the event loops (the batch processor has its own thread and a bounded queue; a full queue
 * drops spans, never blocks a request). Production exports over OTLP/HTTP to the configured
 * collector; tests hand in the SDK's in-memory exporter.
 */
public final class Tracing implements AutoCloseable {

    /** The instrumentation scope of Cutover's spans. */
    public static final String SCOPE = "io.cutover";

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final long SHUTDOWN_SECONDS = 5;

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(String serviceName, SpanProcessor processor, double sampleRatio) {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("serviceName: '" + serviceName + "' (expected: not blank)");
        }
        if (!(sampleRatio >= 0.0 && sampleRatio <= 1.0)) {
            throw new IllegalArgumentException("sampleRatio: " + sampleRatio + " (expected: 0.0 to 1.0)");
        }
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
                .setSampler(Sampler.traceIdRatioBased(sampleRatio))
                .addSpanProcessor(processor)
                .build();
        this.tracer = provider.get(SCOPE);
    }

    /**
     * Spans exported over OTLP/HTTP (protobuf) to {@code endpoint}, e.g. {@code
     * http://otel-collector:4318/v1/traces}, in batches.
     *
     * @param sampleRatio the share of requests traced, 0 to 1
     */
    public static Tracing otlp(String serviceName, URI endpoint, Duration timeout, double sampleRatio) {
        Objects.requireNonNull(endpoint, "endpoint");
        SpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.toString())
                .setTimeout(timeout)
                .build();
        return new Tracing(serviceName, BatchSpanProcessor.builder(exporter).build(), sampleRatio);
    }

    /** Spans handed to {@code exporter} as each ends (tests: the SDK's {@code InMemorySpanExporter}). */
    public static Tracing to(String serviceName, SpanExporter exporter) {
        return new Tracing(serviceName, SimpleSpanProcessor.create(exporter), 1.0);
    }

    /** The tracer Cutover's spans are built with. */
    public Tracer tracer() {
        return tracer;
    }

    /** Sends what is batched and stops the exporter. */
    @Override
    public void close() {
        provider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }
}
