package io.cutover.loadtest.scenario;

import io.cutover.loadtest.ledger.Reconciliation;
import io.cutover.loadtest.load.LoadResult;
import java.time.Duration;
import java.util.List;

/**
 * What one scenario run came to: the load's result (its fault windows as they happened
 * included), whether the queue and the spool drained, and the loss ledger.
 *
 * @param scenario which
 * @param options how it ran
 * @param load what the load generator measured, with the fault windows
 * @param unanswered requests with no whole answer (refused, reset, timed out)
 * @param failureSamples a few of those, with their reasons
 * @param withoutEventId tracked answers without an event ID
 * @param repeatedEventId answers carrying an event ID another answer had
 * @param drained whether the queue and the spool emptied within the drain timeout
 * @param drainTook how long the wait for it took
 * @param ledger the reconciliation
 */
public record ScenarioResult(
        Scenario scenario,
        ScenarioOptions options,
        LoadResult load,
        long unanswered,
        List<String> failureSamples,
        long withoutEventId,
        long repeatedEventId,
        boolean drained,
        Duration drainTook,
        Reconciliation ledger) {

    public ScenarioResult {
        failureSamples = List.copyOf(failureSamples);
    }

    /**
     * Events counted by a platform though their answer never reached the client: answered after
     * the client gave up, or in flight when Cutover was killed (the platform got the click, the
     * shopper no redirect). The ledger cannot know their IDs from the client, so it finds them
     * as unexpected; there cannot be more of them than requests left unanswered.
     */
    public int countedButUnanswered() {
        return ledger.unexpected().size();
    }

    /**
     * Nothing lost, double-counted or misrouted, every answer traceable, and no more events the
     * client never heard of than requests it got no answer to. Without a kill, every event
     * answered has exactly one first fate in the access log; with one, the killed process's last
     * log lines may be gone (unrecorded fates), which is what a kill does.
     */
    public boolean passes() {
        boolean traceable = withoutEventId == 0 && repeatedEventId == 0;
        boolean core = ledger.lost().isEmpty()
                && ledger.doubleCounted().isEmpty()
                && ledger.misrouted().isEmpty()
                && ledger.recordedTwice().isEmpty()
                && ledger.inconsistent().isEmpty()
                && ledger.unexpected().size() <= unanswered;
        boolean recorded = scenario.childProcess() || ledger.unrecorded().isEmpty();
        return traceable && core && recorded;
    }
}
