package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cookies the bridge left out, by reason (malformed, oversize, too many, insecure prefix,
 * unreadable consent): never fatal to a request, but a rising count says a backend or a client
 * sends something Cutover does not relay.
 */
public final class CookieMetrics {

    static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

    private final LongCounter ignored;
    private final Map<String, Attributes> byReason = new HashMap<>();

    /** @param reasons every reason tag, so each series exists (at 0) from the start */
    public CookieMetrics(Meter meter, List<String> reasons) {
        Objects.requireNonNull(meter, "meter");
        this.ignored = meter.counterBuilder("cutover.cookies.ignored")
                .setDescription("Cookies left out of a backend request or a client response, by reason.")
                .build();
        for (String reason : reasons) {
            Attributes attributes = Attributes.of(REASON, reason);
            byReason.put(reason, attributes);
            ignored.add(0, attributes);
        }
    }

    /** Counts one cookie left out; the reason must be one given at construction. */
    public void ignored(String reason) {
        Attributes attributes = byReason.get(reason);
        if (attributes != null) {
            ignored.add(1, attributes);
        }
    }
}
