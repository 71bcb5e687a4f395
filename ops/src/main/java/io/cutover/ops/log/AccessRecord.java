package io.cutover.ops.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One tracked request as the access log writes it: when it arrived, its event ID, what it was
 * and how it ended.
 *
 * <p>{@code uri} is the legacy request URI with its query, kept whole because engineers debug
 * mappings from it; the affiliate links' queries carry merchant, affiliate and sub-IDs, not
 * personal data. The personal datum is the client IP, which must already be truncated
 * ({@link io.cutover.ops.privacy.ClientIp}); the log truncates it once more before writing, so a
 * caller's slip cannot leak a full address.
 *
 * @param timestamp when the request arrived
 * @param eventId the event ID given at accept, as sent in {@code X-Cutover-Event-Id}
 * @param kind link kind tag, e.g. {@code r.cfm}
 * @param merchantId legacy merchant ID, null when the request had none
 * @param affiliateId legacy affiliate ID, null when the request had none
 * @param fate the event's recorded fate tag, e.g. {@code primary}, {@code queued}
 * @param status HTTP status answered to the client
 * @param durationNanos time from arrival to answer
 * @param clientIp truncated client address, or {@code -}
 * @param attempts backend attempts in order, e.g. {@code primary:connect,legacy:ok}; empty if none
 * @param uri the request URI as received, query included
 */
public record AccessRecord(
        Instant timestamp,
        String eventId,
        String kind,
        String merchantId,
        String affiliateId,
        String fate,
        int status,
        long durationNanos,
        String clientIp,
        String attempts,
        String uri) {

    /** Checks that every field but the two IDs is present. */
    public AccessRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fate, "fate");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(uri, "uri");
    }
}
