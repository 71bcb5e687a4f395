package io.cutover.proxy.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Reads the {@code tracing}, {@code synthetic} and {@code metrics} sections into {@link OpsSettings}. */
final class OpsSettingsReader {

    private OpsSettingsReader() {}

    static OpsSettings read(Settings s) {
        Optional<URI> endpoint =
                Optional.ofNullable(s.httpUrl("tracing.otlp-endpoint", false, "http://otel-collector:4318/v1/traces"));
        double ratio = s.decimal("tracing.sample-ratio", 1.0, 0.0, 1.0);
        Duration exportTimeout = s.duration("tracing.export-timeout", Duration.ofSeconds(10));
        TracingSettings tracing = new TracingSettings(endpoint, ratio, exportTimeout);

        boolean enabled = s.bool("synthetic.enabled", false);
        Duration interval = s.duration("synthetic.interval", Duration.ofSeconds(60));
        Duration timeout = s.duration("synthetic.timeout", Duration.ofSeconds(5));
        String click = s.string("synthetic.click", null);
        String landing = s.string("synthetic.expect-landing", null);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            s.problem("synthetic.interval", Durations.format(interval), ">= 1s");
            interval = Duration.ofSeconds(60);
        }
        if (timeout.compareTo(interval) > 0) {
            s.problem(
                    "synthetic.timeout",
                    Durations.format(timeout),
                    "<= synthetic.interval (" + Durations.format(interval) + ")");
        }
        if (enabled) {
            if (click == null || !isClick(click)) {
                s.problem(
                        "synthetic.click",
                        click,
                        "the test click's path and query, such as /r.cfm?b=1&u=2&m=3&urllink=");
            }
            if (landing == null || !(landing.startsWith("https://") || landing.startsWith("http://"))) {
                s.problem(
                        "synthetic.expect-landing",
                        landing,
                        "the start of the landing URL the test click must reach, such as https://www.example.com/");
            }
        }
        SyntheticSettings synthetic = new SyntheticSettings(
                enabled, interval, timeout, click == null ? "" : click, landing == null ? "" : landing);

        Duration queuePoll = s.duration("metrics.queue-poll-interval", Duration.ofSeconds(15));
        if (queuePoll.compareTo(Duration.ofSeconds(1)) < 0) {
            s.problem("metrics.queue-poll-interval", Durations.format(queuePoll), ">= 1s");
            queuePoll = Duration.ofSeconds(15);
        }
        return new OpsSettings(tracing, synthetic, queuePoll);
    }

    private static boolean isClick(String click) {
        if (!click.startsWith("/") || click.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < click.length(); i++) {
            char c = click.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        try {
            URI.create(click);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
