package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Objects;

/**
 * Redirects that failed the safe-redirect check and were replaced by the merchant's default
 * landing (else the fallback page), by who wrote them ({@code source}: primary, legacy, local) and
 * why ({@code reason}: domain-not-allowed, userinfo, ip-literal…). Any growth from a backend means
 * it sends shoppers off the merchant's domains; from {@code local}, a bug in Cutover itself.
 * The attribute sets are built once; the hot path only indexes them.
 */
public final class RedirectMetrics {

    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

    private final LongCounter replaced;
    private final Attributes[][] tags;

    /**
     * @param sources the {@code source} tags, indexed by {@link #replaced}'s first argument
     * @param reasons the {@code reason} tags, indexed by its second
     */
    public RedirectMetrics(Meter meter, List<String> sources, List<String> reasons) {
        Objects.requireNonNull(meter, "meter");
        this.replaced = meter.counterBuilder("cutover.redirects.replaced")
                .setDescription("Click redirects that failed the safe-redirect check and were replaced by the"
                        + " merchant's default landing, by source and reason.")
                .build();
        this.tags = new Attributes[sources.size()][reasons.size()];
        for (int s = 0; s < sources.size(); s++) {
            for (int r = 0; r < reasons.size(); r++) {
                tags[s][r] = Attributes.of(SOURCE, sources.get(s), REASON, reasons.get(r));
            }
        }
    }

    /** Counts one replaced redirect. */
    public void replaced(int source, int reason) {
        replaced.add(1, tags[source][reason]);
    }
}
