package io.cutover.failover.replay;

import io.cutover.failover.queue.QueuedEvent;
import io.cutover.web.ControlCharacters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a queued event into the request that replays it: a plain function, so what goes on the
 * wire is decided here once and tested without a network.
 *
 * <ul>
 *   <li>A click goes as queued: the translated {@code /cread.php?…} (or, for legacy, the original
 *       link).
 *   <li>A conversion for the primary goes in Awin's server-to-server form (platforms.md §4): the
 *       pixel {@code /sread.img?tt=ns&…} becomes {@code /sread.php?tt=ss&…}, every other parameter
 *       kept as it was, in order and encoding. A conversion for legacy goes as queued ({@code
 *       sale.cfm}).
 *   <li>Headers: the queued ones less hop-by-hop headers, {@code Host} and any {@code X-Cutover-*}
 *       (those are set afresh), then {@link ReplayHeaders}.
 * </ul>
 */
public final class ReplayRequests {

    static final String PIXEL_PATH = "/sread.img";
    static final String S2S_PATH = "/sread.php";

    /** Never copied from the queued headers: the transport owns them, or they are set here. */
    private static final Set<String> NOT_COPIED = Set.of(
            "host",
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "content-length",
            "te",
            "trailer",
            "upgrade",
            "expect");

    private ReplayRequests() {}

    /**
     * @throws IllegalArgumentException when the event cannot be replayed as it is (a conversion
     *     whose target is neither {@code sread.img} nor {@code sread.php}); such a message is
     *     dead-lettered with this reason at once
     */
    public static ReplayRequest of(QueuedEvent event) {
        String uri = event.kind() == QueuedEvent.Kind.CONVERSION && event.target() == QueuedEvent.Target.PRIMARY
                ? serverToServer(event.uri())
                : event.uri();
        if (!uri.startsWith("/")) {
            throw new IllegalArgumentException(
                    "uri: " + event.uri() + " (expected: an origin-form target, /path?query)");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        event.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_COPIED.contains(lower) && !lower.startsWith("x-cutover-") && isToken(name) && isSafe(value)) {
                headers.put(name, value);
            }
        });
        headers.put(ReplayHeaders.EVENT_ID, event.eventId());
        headers.put(
                ReplayHeaders.RECEIVED_AT,
                Instant.ofEpochMilli(event.receivedAtMillis()).toString());
        headers.put(ReplayHeaders.REPLAY, "1");
        return new ReplayRequest(event.eventId(), event.target(), uri, headers);
    }

    /**
     * {@code /sread.img?tt=ns&tv=2&merchant=…} → {@code /sread.php?tt=ss&tv=2&merchant=…}. A target
     * already in S2S form is kept, with {@code tt} forced to {@code ss}; a missing {@code tt} is
     * put first.
     */
    static String serverToServer(String uri) {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? "" : uri.substring(question + 1);
        if (!path.equals(PIXEL_PATH) && !path.equals(S2S_PATH)) {
            throw new IllegalArgumentException(
                    "uri: " + uri + " (expected: a conversion target " + PIXEL_PATH + "?… or " + S2S_PATH + "?…)");
        }
        StringBuilder out = new StringBuilder(uri.length() + 4).append(S2S_PATH).append('?');
        boolean sawType = false;
        boolean first = true;
        for (String pair : query.isEmpty() ? new String[0] : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.indexOf('=') < 0 ? pair : pair.substring(0, pair.indexOf('='));
            if (name.equals("tt")) {
                if (sawType) {
                    continue; // one tracking type only; a second tt could undo the first
                }
                sawType = true;
                pair = "tt=ss";
            }
            if (!first) {
                out.append('&');
            }
            out.append(pair);
            first = false;
        }
        if (!sawType) {
            out.insert(S2S_PATH.length() + 1, first ? "tt=ss" : "tt=ss&");
        }
        return out.toString();
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSafe(String value) {
        return !ControlCharacters.inFieldValue(value);
    }
}
