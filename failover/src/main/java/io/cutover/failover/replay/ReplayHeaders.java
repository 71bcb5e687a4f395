package io.cutover.failover.replay;

/**
 * The headers every replay carries, so that the platform counts the event once and at its own
 * time. Documented in the README ("Replay").
 */
public final class ReplayHeaders {

    /** The event ID given at accept, the same as on the live attempt: the de-duplication key. */
    public static final String EVENT_ID = "X-Cutover-Event-Id";

    /**
     * When Cutover received the shopper's request, as an ISO-8601 UTC instant with milliseconds
     * ({@code 2026-12-01T09:25:22.123Z}): a replay minutes later must not move the click or sale
     * in time.
     */
    public static final String RECEIVED_AT = "X-Cutover-Received-At";

    /** {@code 1} on every replay; absent on live requests. */
    public static final String REPLAY = "X-Cutover-Replay";

    private ReplayHeaders() {}
}
