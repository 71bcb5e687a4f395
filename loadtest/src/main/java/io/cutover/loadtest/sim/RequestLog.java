package io.cutover.loadtest.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private long nextSequence = 1;

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
            return record;
        }
    }

    /** An immutable copy of the records so far. */
    List<ReceivedRequest> snapshot() {
        synchronized (lock) {
            return List.copyOf(records);
        }
    }

    /** Forgets every record; numbering starts again at 1. */
    void clear() {
        synchronized (lock) {
            records.clear();
            nextSequence = 1;
        }
    }
}
