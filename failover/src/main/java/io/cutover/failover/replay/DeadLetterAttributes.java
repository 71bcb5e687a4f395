package io.cutover.failover.replay;

import java.util.Set;

/**
 * The SQS message attributes a dead letter carries besides the event itself. SQS's own redrive
 * policy moves a message untouched, so the replayer moves a message itself on its last allowed
 * receive and writes why; a message that SQS moved (a receiver that died mid-delivery, say)
 * carries none of these, and is redriven all the same.
 */
public final class DeadLetterAttributes {

    /** The last delivery error, e.g. {@code primary: bad_status 503 (status 503)}. */
    public static final String LAST_ERROR = "cutover-last-error";

    /** How many times the message had been received when it died. */
    public static final String RECEIVES = "cutover-receives";

    /** When it died, an ISO-8601 UTC instant. */
    public static final String DEAD_AT = "cutover-dead-at";

    /**
     * The event ID as a message attribute, set by the retry queue on every message; the replayer
     * reads the body first and falls back to this for a body it cannot read.
     */
    public static final String EVENT_ID = "eventId";

    /** The attributes a redrive drops, so a redriven message starts afresh. */
    public static final Set<String> DEAD_ONLY = Set.of(LAST_ERROR, RECEIVES, DEAD_AT);

    private DeadLetterAttributes() {}

    /** Whether a queue is an SQS FIFO queue, whose sends need a group and a de-duplication ID. */
    public static boolean isFifo(String queueUrl) {
        return queueUrl.endsWith(".fifo");
    }
}
