package io.cutover.mapping.directory;

import java.util.concurrent.atomic.LongAdder;

/**
 * Single-key loads of the directories built one after another by reloads, counted across all of
 * them, so that a metric of them only ever grows.
 */
public final class DirectoryLoadCounts {

    final LongAdder started = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder failed = new LongAdder();

    /** Loads started after a preload missed a key. */
    public long started() {
        return started.sum();
    }

    /** Misses not loaded because the most loads at once were under way, or the loader had stopped. */
    public long skipped() {
        return skipped.sum();
    }

    /** Loads the store failed (the key is tried again by a later look-up). */
    public long failed() {
        return failed.sum();
    }
}
