package io.cutover.failover.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte form of spool records: a 4-byte big-endian payload length, the payload's 4-byte
 * CRC32C, then the payload ({@link QueuedEventCodec} JSON, UTF-8). A crash mid-append leaves a
 * torn last record: its length runs past the end of the file or its checksum does not match, and
 * the reader stops there rather than replay half an event.
 */
final class SpoolRecords {

    static final int HEADER_BYTES = 8;

    private SpoolRecords() {}

    static ByteBuffer encode(QueuedEvent event) {
        byte[] payload = QueuedEventCodec.encode(event).getBytes(StandardCharsets.UTF_8);
        if (payload.length + HEADER_BYTES > Spool.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("event " + event.eventId() + ": " + payload.length
                    + " bytes (expected: at most " + (Spool.MAX_RECORD_BYTES - HEADER_BYTES) + ")");
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        record.putInt(payload.length);
        record.putInt(crc(payload, 0, payload.length));
        record.put(payload);
        return record.flip();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Reads a segment's records in order.
     *
     * @param content the whole segment
     * @return the events, and how many records were skipped: a torn or corrupt record ends the
     *     segment (its framing cannot be trusted past it); a record whose checksum holds but whose
     *     JSON the codec refuses is skipped alone
     */
    static Decoded decode(byte[] content) {
        List<QueuedEvent> events = new ArrayList<>();
        int skipped = 0;
        int position = 0;
        while (position < content.length) {
            if (content.length - position < HEADER_BYTES) {
                skipped++;
                break;
            }
            ByteBuffer header = ByteBuffer.wrap(content, position, HEADER_BYTES);
            int length = header.getInt();
            int expectedCrc = header.getInt();
            int start = position + HEADER_BYTES;
            if (length <= 0 || length > content.length - start || crc(content, start, length) != expectedCrc) {
                skipped++;
                break;
            }
            try {
                events.add(QueuedEventCodec.decode(new String(content, start, length, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                skipped++;
            }
            position = start + length;
        }
        return new Decoded(events, skipped);
    }

    /** A segment's readable events and the count of records that were not. */
    record Decoded(List<QueuedEvent> events, int skipped) {}
}
