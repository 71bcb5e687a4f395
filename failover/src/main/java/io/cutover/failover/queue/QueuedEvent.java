package io.cutover.failover.queue;

import java.util.Map;
import java.util.Objects;

/**
 * One event Cutover answered by itself, kept for replay: everything the replayer needs to send
 * it later, exactly once as far as the platform counts (the event ID is the platform's
 * de-duplication key). The same value goes to SQS, to the local spool and to dead letters.
 *
 * @param eventId the event ID given at accept (UUIDv7), sent again as {@code X-Cutover-Event-Id}
 * @param endpoint the legacy endpoint the shopper's request came to, e.g. {@code r.cfm} or {@code
 *     sale.cfm}
 * @param kind what the event is, which decides how it is replayed
 * @param target the backend the event must reach: the primary for a translated event, legacy for
 *     one that could not be translated
 * @param uri the request target for that backend in origin form: the translated Awin request
 *     ({@code /cread.php?…}, {@code /sread.img?…}) or the original legacy one
 * @param headers the forwarded request headers to send again (e.g. {@code User-Agent}, {@code
 *     X-Forwarded-For} with the client IP already truncated); never a cookie of the shopper's
 *     other sites, never a full IP
 * @param receivedAtMillis when Cutover received the request, epoch milliseconds
 * @param reason why it was answered locally, the route summary, e.g. {@code
 *     primary:read_timeout,legacy:connect}
 */
public record QueuedEvent(
        String eventId,
        String endpoint,
        Kind kind,
        Target target,
        String uri,
        Map<String, String> headers,
        long receivedAtMillis,
        String reason) {

    public QueuedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(reason, "reason");
    }

    /** What the event is. */
    public enum Kind {
        /** A click ({@code r.cfm}, {@code u.cfm}, {@code m-pr.cfm}). */
        CLICK,
        /** A conversion ({@code sale.cfm}); replayed to Awin in its server-to-server form. */
        CONVERSION
    }

    /** The backend an event must reach. */
    public enum Target {
        PRIMARY,
        LEGACY
    }
}
