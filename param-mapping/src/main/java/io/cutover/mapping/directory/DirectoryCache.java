package io.cutover.mapping.directory;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link CachedDirectory} keeps what it loads after the preload.
 *
 * @param maximumSize entries kept per kind (merchants, affiliates); the least used go first
 * @param expireAfter how long a loaded entry (found or not) is kept before it is asked for again
 * @param maxLoadsInFlight single-key loads at once; past it, a miss is not loaded (the click takes
 *     the unmapped path), so that a flood of unknown IDs cannot flood the store
 */
public record DirectoryCache(int maximumSize, Duration expireAfter, int maxLoadsInFlight) {

    public DirectoryCache {
        Objects.requireNonNull(expireAfter, "expireAfter");
        if (maximumSize < 0) {
            throw new IllegalArgumentException("maximumSize: " + maximumSize + " (expected: >= 0)");
        }
        if (expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalArgumentException("expireAfter: " + expireAfter + " (expected: > 0)");
        }
        if (maxLoadsInFlight < 1) {
            throw new IllegalArgumentException("maxLoadsInFlight: " + maxLoadsInFlight + " (expected: >= 1)");
        }
    }

    /** 100,000 entries, 5 minutes, 64 loads at once. */
    public static DirectoryCache defaults() {
        return new DirectoryCache(100_000, Duration.ofMinutes(5), 64);
    }
}
