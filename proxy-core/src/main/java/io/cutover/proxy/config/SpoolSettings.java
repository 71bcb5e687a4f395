package io.cutover.proxy.config;

import java.nio.file.Path;

/**
 * The local spool that keeps events while SQS cannot.
 *
 * @param dir its folder (one per instance: two processes must not share it)
 * @param maxSize the most it holds; past it a local answer's event is logged whole instead
 *     (fate {@code overflow})
 * @param segmentSize a segment is closed for draining once it holds this much
 * @param maxBatch the most appends one fsync covers (group commit)
 * @param warnPercent the fill level, in percent, past which a warning is logged
 */
public record SpoolSettings(Path dir, long maxSize, long segmentSize, int maxBatch, int warnPercent) {}
