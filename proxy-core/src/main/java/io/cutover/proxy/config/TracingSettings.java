package io.cutover.proxy.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Traces: a span per request and one per backend attempt, exported over OTLP/HTTP when an
 * endpoint is set, not built at all otherwise.
 *
 * @param otlpEndpoint the collector's traces URL, e.g. {@code http://otel-collector:4318/v1/traces};
 *     empty = tracing off
 * @param sampleRatio the share of requests traced, 0 to 1
 * @param exportTimeout the longest one export call may take
 */
public record TracingSettings(Optional<URI> otlpEndpoint, double sampleRatio, Duration exportTimeout) {

    public boolean enabled() {
        return otlpEndpoint.isPresent();
    }
}
