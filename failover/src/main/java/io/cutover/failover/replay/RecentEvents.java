package io.cutover.failover.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IDs of events this process delivered lately, oldest forgotten first. A message whose delete
 * failed comes back; finding its event here, the replayer deletes it without a second delivery,
 * so neither the platform nor the fate count sees it twice.
 */
final class RecentEvents {

    private final Map<String, Boolean> ids;

    RecentEvents(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(String eventId) {
        ids.put(eventId, Boolean.TRUE);
    }

    synchronized boolean contains(String eventId) {
        return ids.containsKey(eventId);
    }
}
