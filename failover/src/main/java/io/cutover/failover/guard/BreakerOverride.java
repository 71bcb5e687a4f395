package io.cutover.failover.guard;

import java.util.Locale;

/**
 * What an operator asks of a backend's breaker: hold it open (no call goes to the backend, as
 * during a known outage), hold it closed (every call goes, nothing is judged), or hand it back to
 * its failure rate.
 */
public enum BreakerOverride {
    /** resilience4j's forced-open state: every call is refused until released. */
    FORCED_OPEN("forced-open"),
    /** resilience4j's disabled state: every call goes through and none is judged. */
    FORCED_CLOSED("forced-closed"),
    /** Back to closed, judged by the failure and slow-call rates again, with a fresh window. */
    AUTO("auto");

    private final String tag;

    BreakerOverride(String tag) {
        this.tag = tag;
    }

    /** The word used in {@code ?state=} and in the admin state: {@code forced-open}, … */
    public String tag() {
        return tag;
    }

    /**
     * The override a word names.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    public static BreakerOverride of(String word) {
        if (word != null) {
            String lower = word.trim().toLowerCase(Locale.ROOT);
            for (BreakerOverride override : values()) {
                if (override.tag.equals(lower)) {
                    return override;
                }
            }
        }
        throw new IllegalArgumentException(
                "state: " + (word == null ? "missing" : word) + " (expected: forced-open, forced-closed or auto)");
    }
}
