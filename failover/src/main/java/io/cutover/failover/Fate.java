package io.cutover.failover;

import java.util.Locale;

/**
 * How a tracked event ended. Every event gets exactly one fate, so that received = the sum of
 * fates, always.
 */
public enum Fate {
    /** The primary (Awin) answered. */
    PRIMARY,
    /** The legacy platform (ShareASale) answered. */
    LEGACY,
    /**
     * Cutover answered by itself (redirect or pixel) because no backend did. Until the retry queue
     * keeps such events for replay, a {@code LOCAL} event has not reached any platform: it is the
     * figure to watch, and the one the retry queue turns into {@link #QUEUED} or {@link #SPOOLED}.
     */
    LOCAL,
    /** Answered locally and acknowledged by the retry queue. */
    QUEUED,
    /** Answered locally and written to the local spool (fsync'd), to be drained to the queue. */
    SPOOLED,
    /** Not a usable request: answered 400 with the reason. */
    REJECTED,
    /** A later fate of a queued or spooled event: the replayer delivered it to its backend. */
    REPLAYED,
    /** A later fate of a queued or spooled event: it kept failing and is in the dead-letter queue. */
    DEAD;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used as a metric tag and in the access log. */
    public String tag() {
        return tag;
    }
}
