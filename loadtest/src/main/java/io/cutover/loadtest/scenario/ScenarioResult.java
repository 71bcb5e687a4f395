package io.cutover.loadtest.scenario;

import io.cutover.loadtest.ledger.Reconciliation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one scenario run came to: the fault windows as they happened, the load's figures, whether
 * the queue and the spool drained, and the loss ledger.
 *
 * @param scenario which
 * @param options how it ran
 * @param windows the fault windows, from the load's start
 * @param requests requests sent (answered or not)
 * @param statuses answers by status
 * @param unanswered requests with no answer (refused, reset, timed out)
 * @param failureSamples a few of those, with their reasons
 * @param withoutEventId answers without an event ID
 * @param repeatedEventId answers carrying an event ID another answer had
 * @param latency from when each request was due, nanoseconds
 * @param loadTook how long the load ran
 * @param drained whether the queue and the spool emptied within the drain timeout
 * @param drainTook how long the wait for it took
 * @param ledger the reconciliation
 */
public record ScenarioResult(
        Scenario scenario,
        ScenarioOptions options,
        List<FaultWindow> windows,
        long requests,
        Map<Integer, Long> statuses,
        long unanswered,
        List<String> failureSamples,
        long withoutEventId,
        long repeatedEventId,
        Histogram latency,
        Duration loadTook,
        boolean drained,
        Duration drainTook,
        Reconciliation ledger) {

    public ScenarioResult {
        windows = List.copyOf(windows);
        statuses = Map.copyOf(statuses);
        failureSamples = List.copyOf(failureSamples);
    }

    /**
     * Events counted by a platform though their answer never reached the client: in flight when
     * Cutover was killed (the platform got the click, the shopper no redirect). Only a kill
     * explains them, and there cannot be more of them than requests left unanswered.
     */
    public int inFlightAtKill() {
        return scenario.childProcess() ? ledger.unexpected().size() : 0;
    }

    /**
     * Nothing lost, double-counted or misrouted, and every answer traceable. Without a kill the
     * whole ledger must balance, fates included. With one, the killed process's last access-log
     * lines may be gone (unrecorded fates), and the events in flight at the kill may be counted
     * though never answered, up to the requests that got no answer.
     */
    public boolean passes() {
        boolean traceable = withoutEventId == 0 && repeatedEventId == 0;
        boolean core = ledger.lost().isEmpty()
                && ledger.doubleCounted().isEmpty()
                && ledger.misrouted().isEmpty()
                && ledger.recordedTwice().isEmpty()
                && ledger.inconsistent().isEmpty();
        if (!scenario.childProcess()) {
            return traceable && core && ledger.balances();
        }
        return traceable && core && ledger.unexpected().size() <= unanswered;
    }

    /** Milliseconds at a percentile of the latency. */
    public double millis(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e6;
    }
}
