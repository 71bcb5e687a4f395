package io.cutover.loadtest.ledger;

import java.util.List;

/**
 * What a {@link LossLedger} found. It balances when every event sent is accounted for exactly
 * once: events sent = first fates recorded = events counted by the platforms + in the queue + in
 * the spool + dead letters (+ rejected), with nothing lost, double-counted or misrouted.
 *
 * @param sent events the load generator or test sent
 * @param firstFates events with exactly one first fate (primary, legacy, queued, spooled, rejected)
 * @param counted events counted by a platform
 * @param queued events still in the retry queue and counted by no platform
 * @param spooled events in the spool and counted by no platform
 * @param dead events in the dead-letter queue and counted by no platform
 * @param rejected events answered 400
 * @param duplicatesDropped requests a platform received again for an event it had counted, and
 *     dropped: at-least-once delivery doing its job, not a fault
 * @param lost sent, and nowhere: not counted, not queued, not spooled, not dead, not rejected
 * @param doubleCounted counted by both platforms
 * @param misrouted counted at an endpoint that does not fit the event's kind
 * @param unrecorded sent without a first fate
 * @param recordedTwice with more than one first fate
 * @param unexpected counted by a platform or recorded, but never sent
 * @param inconsistent a later fate the evidence contradicts: {@code replayed} but counted
 *     nowhere, or {@code dead} but not among the dead letters (nor counted after a redrive)
 */
public record Reconciliation(
        int sent,
        int firstFates,
        int counted,
        int queued,
        int spooled,
        int dead,
        int rejected,
        long duplicatesDropped,
        List<String> lost,
        List<String> doubleCounted,
        List<String> misrouted,
        List<String> unrecorded,
        List<String> recordedTwice,
        List<String> unexpected,
        List<String> inconsistent) {

    public Reconciliation {
        lost = List.copyOf(lost);
        doubleCounted = List.copyOf(doubleCounted);
        misrouted = List.copyOf(misrouted);
        unrecorded = List.copyOf(unrecorded);
        recordedTwice = List.copyOf(recordedTwice);
        unexpected = List.copyOf(unexpected);
        inconsistent = List.copyOf(inconsistent);
    }

    /** Nothing lost, nothing counted twice, nothing misrouted, every event recorded once. */
    public boolean balances() {
        return lost.isEmpty()
                && doubleCounted.isEmpty()
                && misrouted.isEmpty()
                && unrecorded.isEmpty()
                && recordedTwice.isEmpty()
                && unexpected.isEmpty()
                && inconsistent.isEmpty()
                && sent == firstFates
                && sent == counted + queued + spooled + dead + rejected;
    }

    /** One paragraph for a test failure or a report. */
    public String summary() {
        return "sent " + sent + " = first fates " + firstFates + " = counted " + counted + " + queued " + queued
                + " + spooled " + spooled + " + dead " + dead + " + rejected " + rejected
                + "; duplicates dropped " + duplicatesDropped
                + "; lost " + lost.size() + sample(lost)
                + ", double-counted " + doubleCounted.size() + sample(doubleCounted)
                + ", misrouted " + misrouted.size() + sample(misrouted)
                + ", unrecorded " + unrecorded.size() + sample(unrecorded)
                + ", recorded twice " + recordedTwice.size() + sample(recordedTwice)
                + ", unexpected " + unexpected.size() + sample(unexpected)
                + ", inconsistent " + inconsistent.size() + sample(inconsistent)
                + (balances() ? " — balances" : " — DOES NOT BALANCE");
    }

    private static String sample(List<String> ids) {
        return ids.isEmpty() ? "" : " " + ids.subList(0, Math.min(5, ids.size()));
    }
}
