package io.cutover.failover.queue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the local spool keeps events when SQS cannot take them.
 *
 * @param dir the folder of its segment files; created if missing
 * @param maxBytes the most the segments may hold together; an append past it is refused
 * @param segmentBytes a segment is closed, and becomes drainable, once it holds this much
 * @param maxBatch the most appends one fsync covers (group commit)
 * @param warnPercent a warning is logged when the spool passes this fill level, in percent
 */
public record SpoolOptions(Path dir, long maxBytes, long segmentBytes, int maxBatch, int warnPercent) {

    public SpoolOptions {
        Objects.requireNonNull(dir, "dir");
        if (maxBytes < Spool.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException(
                    "maxBytes: " + maxBytes + " (expected: >= " + Spool.MAX_RECORD_BYTES + ")");
        }
        if (segmentBytes < 1 || segmentBytes > maxBytes) {
            throw new IllegalArgumentException("segmentBytes: " + segmentBytes + " (expected: 1 to maxBytes)");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: >= 1)");
        }
        if (warnPercent < 1 || warnPercent > 100) {
            throw new IllegalArgumentException("warnPercent: " + warnPercent + " (expected: 1 to 100)");
        }
    }
}
