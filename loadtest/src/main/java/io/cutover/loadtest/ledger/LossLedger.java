package io.cutover.loadtest.ledger;

import io.cutover.failover.queue.QueuedEvent;
import io.cutover.loadtest.sim.ReceivedRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reconciles what was sent against everything that could have become of it: what the simulated
 * platforms counted (live and replayed, de-duplicated by event ID), what is still in the retry
 * queue, the spool and the dead letters, and the fates Cutover recorded. Reusable by any test,
 * scenario or load run: feed it, then {@link #reconcile()}.
 *
 * <p>Not thread-safe: gather the evidence first, once the system has settled, then reconcile.
 */
public final class LossLedger {

    private static final Set<String> FIRST_FATES = Set.of("primary", "legacy", "queued", "spooled", "rejected");
    private static final Set<String> CLICK_PATHS = Set.of("/cread.php", "/pclick.php", "/r.cfm", "/u.cfm", "/m-pr.cfm");
    private static final Set<String> CONVERSION_PATHS = Set.of("/sread.img", "/sread.php", "/sale.cfm");

    private final Map<String, QueuedEvent.Kind> sent = new LinkedHashMap<>();
    private final Map<String, List<Seen>> seen = new HashMap<>();
    private final Set<String> queued = new HashSet<>();
    private final Set<String> spooled = new HashSet<>();
    private final Set<String> dead = new HashSet<>();
    private final List<FateRecord> fates = new ArrayList<>();

    private record Seen(String platform, String path) {}

    /** An event the load generator or test sent; a repeated ID is a bug of the sender's. */
    public LossLedger sent(String eventId, QueuedEvent.Kind kind) {
        if (sent.put(eventId, kind) != null) {
            throw new IllegalArgumentException("eventId: " + eventId + " (expected: sent once)");
        }
        return this;
    }

    /**
     * What one platform received. A request counts when it carried an event ID and was answered
     * with a 2xx or 3xx: what the platform itself would count.
     */
    public LossLedger platform(String name, Collection<ReceivedRequest> received) {
        for (ReceivedRequest request : received) {
            Integer status = request.status();
            if (request.eventId() != null && status != null && status >= 200 && status < 400) {
                seen.computeIfAbsent(request.eventId(), id -> new ArrayList<>())
                        .add(new Seen(name, request.path().toLowerCase(Locale.ROOT)));
            }
        }
        return this;
    }

    /** Event IDs still in the retry queue. */
    public LossLedger queued(Collection<String> eventIds) {
        queued.addAll(eventIds);
        return this;
    }

    /** Event IDs in the local spool, not yet drained to the queue. */
    public LossLedger spooled(Collection<String> eventIds) {
        spooled.addAll(eventIds);
        return this;
    }

    /** Event IDs in the dead-letter queue. */
    public LossLedger deadLetters(Collection<String> eventIds) {
        dead.addAll(eventIds);
        return this;
    }

    /** Fates Cutover recorded, e.g. from {@link FateRecord#readAccessLog}. */
    public LossLedger fates(Collection<FateRecord> records) {
        fates.addAll(records);
        return this;
    }

    public Reconciliation reconcile() {
        Map<String, Integer> firsts = new HashMap<>();
        Set<String> replayed = new HashSet<>();
        Set<String> died = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        Set<String> unexpected = new TreeSet<>();
        for (FateRecord record : fates) {
            if (!sent.containsKey(record.eventId())) {
                unexpected.add(record.eventId());
                continue;
            }
            if (FIRST_FATES.contains(record.fate())) {
                firsts.merge(record.eventId(), 1, Integer::sum);
                if (record.fate().equals("rejected")) {
                    rejected.add(record.eventId());
                }
            } else if (record.fate().equals("replayed")) {
                replayed.add(record.eventId());
            } else if (record.fate().equals("dead")) {
                died.add(record.eventId());
            } else {
                unexpected.add(record.eventId() + " (fate " + record.fate() + ")");
            }
        }
        long duplicates = 0;
        for (Map.Entry<String, List<Seen>> entry : seen.entrySet()) {
            if (!sent.containsKey(entry.getKey())) {
                unexpected.add(entry.getKey());
            }
            Map<String, Integer> perPlatform = new HashMap<>();
            for (Seen s : entry.getValue()) {
                perPlatform.merge(s.platform(), 1, Integer::sum);
            }
            for (int times : perPlatform.values()) {
                duplicates += times - 1;
            }
        }

        List<String> lost = new ArrayList<>();
        List<String> doubleCounted = new ArrayList<>();
        List<String> misrouted = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>();
        List<String> recordedTwice = new ArrayList<>();
        List<String> inconsistent = new ArrayList<>();
        int counted = 0;
        int inQueue = 0;
        int inSpool = 0;
        int inDead = 0;
        int answered400 = 0;
        for (Map.Entry<String, QueuedEvent.Kind> entry : sent.entrySet()) {
            String id = entry.getKey();
            int first = firsts.getOrDefault(id, 0);
            if (first == 0) {
                unrecorded.add(id);
            } else if (first > 1) {
                recordedTwice.add(id);
            }
            List<Seen> sightings = seen.getOrDefault(id, List.of());
            Set<String> platforms = new HashSet<>();
            for (Seen s : sightings) {
                platforms.add(s.platform());
                Set<String> fitting = entry.getValue() == QueuedEvent.Kind.CLICK ? CLICK_PATHS : CONVERSION_PATHS;
                if (!fitting.contains(s.path())) {
                    misrouted.add(id + " (" + entry.getValue() + " at " + s.platform() + s.path() + ")");
                }
            }
            if (platforms.size() > 1) {
                doubleCounted.add(id);
            }
            if (!platforms.isEmpty()) {
                counted++;
            } else if (queued.contains(id)) {
                inQueue++;
            } else if (spooled.contains(id)) {
                inSpool++;
            } else if (dead.contains(id)) {
                inDead++;
            } else if (rejected.contains(id)) {
                answered400++;
            } else {
                lost.add(id);
            }
            if (replayed.contains(id) && platforms.isEmpty()) {
                inconsistent.add(id + " (replayed, counted nowhere)");
            }
            if (died.contains(id) && platforms.isEmpty() && !dead.contains(id) && !queued.contains(id)) {
                inconsistent.add(id + " (dead, not among the dead letters)");
            }
        }
        return new Reconciliation(
                sent.size(),
                (int) sent.keySet().stream()
                        .filter(id -> firsts.getOrDefault(id, 0) == 1)
                        .count(),
                counted,
                inQueue,
                inSpool,
                inDead,
                answered400,
                duplicates,
                lost,
                doubleCounted,
                misrouted,
                unrecorded,
                recordedTwice,
                List.copyOf(unexpected),
                inconsistent);
    }
}
