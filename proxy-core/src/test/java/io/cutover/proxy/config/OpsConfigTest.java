package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracing, synthetic and metrics sections: defaults, what is accepted, what is refused. */
class OpsConfigTest {

    private static CutoverConfig load(Map<String, Object> sections) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("backends", Map.of("primary", Map.of("url", "http://127.0.0.1:8081")));
        tree.put("directory", Map.of("file", "sample"));
        tree.put("queue", Map.of("url", ""));
        tree.putAll(sections);
        return ConfigLoader.fromTree("test.yaml", tree, Map.of(), Path.of("."));
    }

    @Test
    void tracesNothingAndProbesNothingByDefault() {
        OpsSettings ops = load(Map.of()).ops();

        assertThat(ops.tracing().enabled()).isFalse();
        assertThat(ops.tracing().sampleRatio()).isEqualTo(1.0);
        assertThat(ops.synthetic().enabled()).isFalse();
        assertThat(ops.synthetic().interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ops.queuePollInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void readsAnOtlpEndpointAndASyntheticClick() {
        OpsSettings ops = load(Map.of(
                        "tracing",
                        Map.of("otlp-endpoint", "http://otel-collector:4318/v1/traces", "sample-ratio", 0.25),
                        "synthetic",
                        Map.of(
                                "enabled", true,
                                "interval", "30s",
                                "click", "/r.cfm?b=1&u=2&m=3&urllink=",
                                "expect-landing", "https://www.example.com/")))
                .ops();

        assertThat(ops.tracing().otlpEndpoint()).contains(URI.create("http://otel-collector:4318/v1/traces"));
        assertThat(ops.tracing().sampleRatio()).isEqualTo(0.25);
        assertThat(ops.synthetic().enabled()).isTrue();
        assertThat(ops.synthetic().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAnEnabledSyntheticClickWithoutItsLinkOrLanding() {
        assertThatThrownBy(() -> load(Map.of("synthetic", Map.of("enabled", true))))
                .hasMessageContaining("synthetic.click: missing (expected: the test click's path and query")
                .hasMessageContaining("synthetic.expect-landing: missing (expected: the start of the landing URL");
    }

    @Test
    void refusesBadValuesWithTheirKeys() {
        assertThatThrownBy(() -> load(Map.of(
                        "tracing",
                        Map.of("otlp-endpoint", "collector:4318", "sample-ratio", 2),
                        "synthetic",
                        Map.of(
                                "enabled", true,
                                "interval", "500ms",
                                "click", "https://evil.example/r.cfm",
                                "expect-landing", "www.example.com"),
                        "metrics",
                        Map.of("queue-poll-interval", "100ms"))))
                .hasMessageContaining("tracing.otlp-endpoint: collector:4318 (expected: an http(s) URL")
                .hasMessageContaining("tracing.sample-ratio: 2")
                .hasMessageContaining("synthetic.interval: 500ms (expected: >= 1s)")
                .hasMessageContaining("synthetic.click: https://evil.example/r.cfm (expected:")
                .hasMessageContaining("synthetic.expect-landing: www.example.com (expected:")
                .hasMessageContaining("metrics.queue-poll-interval: 100ms (expected: >= 1s)");
    }
}
