package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The HTTPS listener's certificates: reloads by result (a refused one leaves the old certificate
 * serving, which an alert wants to see before it expires) and when the earliest served
 * certificate expires.
 */
public final class TlsMetrics {

    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    private final LongCounter reloads;
    private final Attributes ok = Attributes.of(RESULT, "ok");
    private final Attributes refused = Attributes.of(RESULT, "refused");

    /** @param notAfterEpochSeconds the earliest expiry among the served certificates, read at each scrape */
    public TlsMetrics(Meter meter, LongSupplier notAfterEpochSeconds) {
        Objects.requireNonNull(meter, "meter");
        this.reloads = meter.counterBuilder("cutover.tls.reloads")
                .setDescription("Reloads of the HTTPS listener's certificate files, by result (ok, refused).")
                .build();
        meter.gaugeBuilder("cutover.tls.certificate.not_after")
                .setDescription("When the earliest certificate the HTTPS listener serves expires, Unix time.")
                .setUnit("s")
                .ofLongs()
                .buildWithCallback(gauge -> gauge.record(notAfterEpochSeconds.getAsLong()));
    }

    /** A reload of the certificate files ended. */
    public void reloaded(boolean succeeded) {
        reloads.add(1, succeeded ? ok : refused);
    }
}
