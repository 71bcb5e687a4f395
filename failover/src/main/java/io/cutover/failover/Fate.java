package io.cutover.failover;

import java.util.Locale;

/**
 * How a tracked event ended. Every event gets exactly one fate, so that received = the sum of
 * fates, always. A local answer (Cutover's own redirect or pixel, see {@link Route#isLocal()}) is
 * not a fate: its event ends {@link #QUEUED}, {@link #SPOOLED} or, when both fail, {@link
 * #OVERFLOW}.
 */
public enum Fate {
    /** The primary (Awin) answered. */
    PRIMARY,
    /** The legacy platform (ShareASale) answered. */
    LEGACY,
    /** Answered locally (no backend did) and acknowledged by SQS before the answer left. */
    QUEUED,
    /**
     * Answered locally and appended to the local spool, fsync'd, before the answer left; the
     * spool drains to SQS when it answers again.
     */
    SPOOLED,
    /**
     * Answered locally while neither SQS nor the spool could take the event (SQS down and the
     * spool full). The shopper still got the answer; the whole event is written to the error log
     * as one {@code QueuedEventCodec} line, to be re-queued from there, and counted here so that
     * received = the sum of fates still holds. The figure to alert on.
     */
    OVERFLOW,
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
