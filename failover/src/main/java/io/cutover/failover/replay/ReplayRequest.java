package io.cutover.failover.replay;

import io.cutover.failover.queue.QueuedEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One replay as a backend receives it: where it goes, the request target in origin form, and the
 * headers to send (the original event ID and time, and the replay mark, among them). Built by
 * {@link ReplayRequests#of}; the transport adds only {@code Host}.
 *
 * @param eventId the original event ID, also in {@code headers}
 * @param target the backend it goes to
 * @param uri the request target, e.g. {@code /sread.php?tt=ss&…}
 * @param headers header name → value, in sending order; no CR, LF or other control character
 */
public record ReplayRequest(String eventId, QueuedEvent.Target target, String uri, Map<String, String> headers) {

    public ReplayRequest {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(uri, "uri");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
