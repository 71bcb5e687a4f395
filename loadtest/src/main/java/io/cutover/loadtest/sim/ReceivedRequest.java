package io.cutover.loadtest.sim;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request that reached a simulator's tracking listener, whatever the fault made of it: the
 * evidence the end-to-end tests and the loss ledger reconcile against what was sent.
 *
 * @param sequence position in arrival order, from 1 (restarts at 1 after {@link
 *     SimulatedPlatform#reset()})
 * @param arrivedAt when the complete request was read, epoch milliseconds on the simulator's clock
 * @param method the request method, as sent
 * @param uri the request target, as sent
 * @param path the target's path, still percent-encoded
 * @param params the query, form-decoded once: keys as sent (case kept, {@code amp;u} not
 *     repaired), in order of first appearance, each with its values in order
 * @param eventId the {@code X-Cutover-Event-Id} header, or null if absent
 * @param headers the selected headers that were present ({@link #RECORDED_HEADERS}), in that
 *     order, repeated values joined
 * @param connectionId the TCP connection it came on: one per accepted connection, from 1, never
 *     reused while the simulator lives (a {@code reset()} does not restart it)
 * @param fault the fault applied to it
 * @param status the status answered (or, for {@code slow}, scheduled to be answered); null when the
 *     connection was aborted instead ({@code reset}, or {@code down} caught it mid-flight)
 */
@JsonPropertyOrder({
    "sequence",
    "arrivedAt",
    "method",
    "uri",
    "path",
    "params",
    "eventId",
    "headers",
    "connectionId",
    "fault",
    "status"
})
public record ReceivedRequest(
        long sequence,
        long arrivedAt,
        String method,
        String uri,
        String path,
        Map<String, List<String>> params,
        String eventId,
        Map<String, String> headers,
        long connectionId,
        Fault fault,
        Integer status) {

    /** The header that carries the proxy's event identity to both backends. */
    public static final String EVENT_ID_HEADER = "X-Cutover-Event-Id";

    /** Marks a replay of a queued event ({@code 1}). */
    public static final String REPLAY_HEADER = "X-Cutover-Replay";

    /** The original time of a replayed event, an ISO-8601 instant. */
    public static final String RECEIVED_AT_HEADER = "X-Cutover-Received-At";

    /**
     * The headers worth keeping: who asked, for which host, with which cookies, through whom, and
     * whether it was a replay of when.
     */
    public static final List<String> RECORDED_HEADERS = List.of(
            "Host",
            "Cookie",
            "User-Agent",
            "Referer",
            "X-Forwarded-For",
            "X-Forwarded-Proto",
            REPLAY_HEADER,
            RECEIVED_AT_HEADER);

    public ReceivedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fault, "fault");
        params = orderedCopy(params);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The first value of a query parameter, matched exactly; null when absent. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A recorded header by its name in {@link #RECORDED_HEADERS}; null when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    private static Map<String, List<String>> orderedCopy(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
