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
    final LongAdder preloadHits = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder misses = new LongAdder();

    /** Loads started after a preload missed a key. */
    public long started() {
        return started.sum();
    }

    /** Misses not loaded because the most loads at once were under way, or the loader had stopped. */
    public long skipped() {
        return skipped.sum();
    }

    /** Look-ups answered by the preload. */
    public long preloadHits() {
        return preloadHits.sum();
    }

    /** Look-ups answered by a key loaded earlier (found or known to be absent). */
    public long cacheHits() {
        return cacheHits.sum();
    }

    /** Look-ups that neither the preload nor the cache could answer yet (the key loads meanwhile). */
    public long misses() {
        return misses.sum();
    }

    /** Loads the store failed (the key is tried again by a later look-up). */
    public long failed() {
        return failed.sum();
    }
}
