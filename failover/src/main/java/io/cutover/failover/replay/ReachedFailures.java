package io.cutover.failover.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each event's delivery reached its platform and failed, as this process saw it. SQS's
 * receive count cannot tell these apart from the receives during an outage, when the platform was
 * never reached; this does. The least recently failed are forgotten first past {@code capacity}: a
 * forgotten event starts again from nothing, and the queue's redrive policy still bounds it.
 */
final class ReachedFailures {

    private final Map<String, Integer> counts;

    ReachedFailures(int capacity) {
        this.counts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Counts one more failure of {@code eventId}'s delivery and returns how many it has had. */
    synchronized int add(String eventId) {
        return counts.merge(eventId, 1, Integer::sum);
    }

    /** Forgets {@code eventId}: it was delivered, or it is dead. */
    synchronized void forget(String eventId) {
        counts.remove(eventId);
    }
}
