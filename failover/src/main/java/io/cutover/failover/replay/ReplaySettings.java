package io.cutover.failover.replay;

import java.time.Duration;
import java.util.Optional;

/**
 * How the replayer drains the retry queue: {@code replay.*} in {@code cutover.yaml}.
 *
 * @param enabled whether this instance replays at all (every instance may: SQS hands each message
 *     to one receiver at a time)
 * @param pollWait the long-polling wait of one receive, 1–20 s (SQS's bound)
 * @param batchSize messages asked for per receive, 1–10 (SQS's bound)
 * @param concurrency deliveries in flight at most; a receive asks for no more than are free
 * @param backoffBase the first pause after a failed delivery; each further failure doubles it
 * @param backoffMax the longest pause, however many failures
 * @param maxReceives after this many failed deliveries of one message that reached the platform,
 *     it goes to the dead-letter queue with its last error (a platform that cannot be reached
 *     never counts); keep the queue's own redrive {@code maxReceiveCount} well above it, so the
 *     replayer, not SQS, moves it (SQS would move it without the error)
 * @param visibilityTimeout how long a received message stays hidden from other receivers; longer
 *     than one delivery can take
 * @param deadLetterQueueUrl the dead-letter queue; required when enabled
 */
public record ReplaySettings(
        boolean enabled,
        Duration pollWait,
        int batchSize,
        int concurrency,
        Duration backoffBase,
        Duration backoffMax,
        int maxReceives,
        Duration visibilityTimeout,
        Optional<String> deadLetterQueueUrl) {

    /** SQS's longest long-polling wait. */
    public static final Duration MAX_POLL_WAIT = Duration.ofSeconds(20);

    /** SQS's largest receive. */
    public static final int MAX_BATCH = 10;

    /** SQS's longest visibility timeout. */
    public static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    public ReplaySettings {
        require(
                pollWait.compareTo(Duration.ofSeconds(1)) >= 0 && pollWait.compareTo(MAX_POLL_WAIT) <= 0,
                "replay.poll-wait",
                pollWait,
                "1s to 20s");
        require(batchSize >= 1 && batchSize <= MAX_BATCH, "replay.batch-size", batchSize, "1 to 10");
        require(concurrency >= 1 && concurrency <= 1024, "replay.concurrency", concurrency, "1 to 1024");
        require(!backoffBase.isNegative() && !backoffBase.isZero(), "replay.backoff-base", backoffBase, "> 0");
        require(
                backoffMax.compareTo(backoffBase) >= 0,
                "replay.backoff-max",
                backoffMax,
                ">= replay.backoff-base (" + backoffBase + ")");
        require(maxReceives >= 1 && maxReceives <= 1000, "replay.max-receives", maxReceives, "1 to 1000");
        require(
                visibilityTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                        && visibilityTimeout.compareTo(MAX_VISIBILITY) <= 0,
                "replay.visibility-timeout",
                visibilityTimeout,
                "1s to 12h");
        require(
                !enabled || deadLetterQueueUrl.isPresent(),
                "replay.dead-letter-queue-url",
                "missing",
                "the dead-letter queue's URL when replay.enabled is true");
    }

    /** The defaults of {@code cutover.example.yaml}, with the given dead-letter queue. */
    public static ReplaySettings defaults(String deadLetterQueueUrl) {
        return new ReplaySettings(
                true,
                Duration.ofSeconds(20),
                10,
                32,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                8,
                Duration.ofSeconds(60),
                Optional.of(deadLetterQueueUrl));
    }

    private static void require(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: " + expected + ")");
        }
    }
}
