package io.cutover.loadtest.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's memory of every tracking request, in arrival order. One lock keeps the
 * sequence numbers and the list order the same thing, whichever event loop appends.
 *
 * <p>Unbounded on purpose: the loss ledger needs every request, so a long load run should read
 * and {@link #clear} it between phases rather than lose the oldest.
 */
final class RequestLog {

    private final Object lock = new Object();
    private final List<ReceivedRequest> records = new ArrayList<>();
    // Event ID → times counted: the platform's de-duplication, and the ledger's evidence.
    private final Map<String, Integer> counted = new HashMap<>();
    private long nextSequence = 1;
    private long duplicates;
    private long replays;
    private long withoutEventId;

    /** Records a request and returns the record, numbered. */
    ReceivedRequest append(
            long arrivedAt,
            SimRequest request,
            String eventId,
            Map<String, String> headers,
            long connectionId,
            Fault fault,
            Integer status) {
        synchronized (lock) {
            ReceivedRequest record = new ReceivedRequest(
                    nextSequence++,
                    arrivedAt,
                    request.method(),
                    request.uri(),
                    request.path(),
                    request.params(),
                    eventId,
                    headers,
                    connectionId,
                    fault,
                    status);
            records.add(record);
            if ("1".equals(headers.get(ReceivedRequest.REPLAY_HEADER))) {
                replays++;
            }
            if (status != null && status >= 200 && status < 400) {
                if (eventId == null) {
                    withoutEventId++;
                } else if (counted.merge(eventId, 1, Integer::sum) > 1) {
                    duplicates++;
                }
            }
            return record;
        }
    }

    /** An immutable copy of the records so far. */
    List<ReceivedRequest> snapshot() {
        synchronized (lock) {
            return List.copyOf(records);
        }
    }

    /** The counts so far. */
    EventStats stats() {
        synchronized (lock) {
            return new EventStats(records.size(), counted.size() + withoutEventId, duplicates, replays, withoutEventId);
        }
    }

    /** The event IDs counted so far (once each, however often they came). */
    Set<String> countedEvents() {
        synchronized (lock) {
            return Set.copyOf(counted.keySet());
        }
    }

    /** Forgets every record and count; numbering starts again at 1. */
    void clear() {
        synchronized (lock) {
            records.clear();
            counted.clear();
            nextSequence = 1;
            duplicates = 0;
            replays = 0;
            withoutEventId = 0;
        }
    }
}
