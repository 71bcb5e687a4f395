package io.cutover.ops.log;

import io.cutover.ops.json.JsonString;
import io.cutover.ops.privacy.ClientIp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Formats an {@link AccessRecord} as one JSON object on one line.
 *
 * <p>The keys: {@code ts}, {@code event_id}, {@code endpoint} (the link kind), {@code merchant},
 * {@code affiliate}, {@code fate}, {@code route} (who answered), {@code status}, {@code
 * duration_ms}, {@code client_ip} (truncated), {@code attempts}, {@code uri} (with the values of
 * credential-like query parameters redacted). No header, and so no cookie, is ever written.
 *
 * <p>Key order is fixed so that lines diff and grep well; the duration is in milliseconds with
 * microsecond precision, which is what people read latencies in.
 *
 * <p>One instance per writer thread, not shared: it remembers the last second it formatted and
 * the last client address it truncated, because consecutive records nearly always share both
 * (one second holds thousands of lines, a keep-alive connection sends many).
 */
final class AccessLine {

    // The last whole second formatted, as ISO_INSTANT writes it without its 'Z'.
    private long second = Long.MIN_VALUE;
    private String secondText;
    // The last client address and its truncation.
    private String clientIp;
    private String truncated;

    /** Appends the record's JSON object and a newline to {@code out}. */
    StringBuilder append(StringBuilder out, AccessRecord record) {
        out.append("{\"ts\":\"");
        appendInstant(out, record.timestamp());
        out.append("\",\"event_id\":");
        JsonString.append(out, record.eventId());
        out.append(",\"endpoint\":");
        JsonString.append(out, record.kind());
        out.append(",\"merchant\":");
        JsonString.append(out, record.merchantId());
        out.append(",\"affiliate\":");
        JsonString.append(out, record.affiliateId());
        out.append(",\"fate\":");
        JsonString.append(out, record.fate());
        out.append(",\"route\":");
        JsonString.append(out, route(record.fate()));
        out.append(",\"status\":").append(record.status());
        out.append(",\"duration_ms\":");
        appendMillis(out, record.durationNanos());
        out.append(",\"client_ip\":");
        // Truncating is idempotent, so a record that was truncated already is written unchanged,
        // and one that was not still cannot put a full address on disk.
        JsonString.append(out, truncated(record.clientIp()));
        out.append(",\"attempts\":");
        JsonString.append(out, record.attempts());
        out.append(",\"uri\":");
        JsonString.append(out, QueryRedaction.redact(record.uri()));
        return out.append("}\n");
    }

    /**
     * The instant exactly as {@link DateTimeFormatter#ISO_INSTANT} writes it: the second from the
     * formatter (once per second), the fraction in groups of three digits as needed, then 'Z'.
     */
    void appendInstant(StringBuilder out, Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond != second || secondText == null) {
            StringBuilder text = new StringBuilder(24);
            DateTimeFormatter.ISO_INSTANT.formatTo(Instant.ofEpochSecond(epochSecond), text);
            secondText = text.substring(0, text.length() - 1);
            second = epochSecond;
        }
        out.append(secondText);
        int nanos = instant.getNano();
        if (nanos > 0) {
            out.append('.');
            int div = 100_000_000;
            for (int i = 0; nanos > 0 || i % 3 != 0; i++) {
                int digit = nanos / div;
                out.append((char) ('0' + digit));
                nanos -= digit * div;
                div /= 10;
            }
        }
        out.append('Z');
    }

    private String truncated(String literal) {
        if (literal == null || !literal.equals(clientIp)) {
            truncated = ClientIp.truncate(literal);
            clientIp = literal;
        }
        return truncated;
    }

    /**
     * Who answered, from the fate: {@code primary}, {@code legacy}, {@code local} (Cutover's own
     * answer, the event queued), {@code none} (refused), {@code replay} (a later line of a queued
     * event).
     */
    static String route(String fate) {
        switch (fate) {
            case "primary":
            case "legacy":
                return fate;
            case "queued":
            case "spooled":
            case "overflow":
                return "local";
            case "replayed":
            case "dead":
                return "replay";
            default:
                return "none";
        }
    }

    private static void appendMillis(StringBuilder out, long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        out.append(micros / 1_000).append('.');
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
