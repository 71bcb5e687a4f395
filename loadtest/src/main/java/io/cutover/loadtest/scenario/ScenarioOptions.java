package io.cutover.loadtest.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How long and how hard a scenario runs, and where its files go.
 *
 * @param duration how long the load runs; the faults fall at fractions of it
 * @param rate requests per second (a spike multiplies it)
 * @param connections the load's keep-alive connections
 * @param maxRequests the most requests to send
 * @param eventLoops Cutover's event loops
 * @param drainTimeout how long to wait, after the load, for the queue and the spool to empty
 * @param workDir the run's folder: access logs, spool, child configs, the summary
 */
public record ScenarioOptions(
        Duration duration,
        int rate,
        int connections,
        long maxRequests,
        int eventLoops,
        Duration drainTimeout,
        Path workDir) {

    public ScenarioOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(workDir, "workDir");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0 and at most 1h)");
        }
        if (rate < 1 || connections < 1 || maxRequests < 1 || eventLoops < 1) {
            throw new IllegalArgumentException("rate, connections, max-requests, event-loops: >= 1");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout: " + drainTimeout + " (expected: >= 0)");
        }
    }
}
