package io.cutover.loadtest.load;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Turns corpus requests into the bytes sent, once per request and connection kind; a target with
 * {@code {n}} (an order reference) gets the run's unique reference for each request instead.
 */
final class RequestEncoder {

    static final String SEQUENCE = "{n}";

    private final String host;
    private final String runToken;
    private final Map<CorpusRequest, byte[][]> cache = new IdentityHashMap<>();

    RequestEncoder(String host, String runToken) {
        this.host = host;
        this.runToken = runToken;
    }

    /** The target as sent for request number {@code sequence}. */
    String target(CorpusRequest request, long sequence) {
        String target = request.target();
        return target.contains(SEQUENCE) ? target.replace(SEQUENCE, runToken + "-" + sequence) : target;
    }

    byte[] bytes(CorpusRequest request, String target, boolean close) {
        if (!request.target().contains(SEQUENCE)) {
            byte[][] both = cache.computeIfAbsent(request, r -> new byte[2][]);
            int kind = close ? 1 : 0;
            if (both[kind] == null) {
                both[kind] = encode(request, target, close);
            }
            return both[kind];
        }
        return encode(request, target, close);
    }

    private byte[] encode(CorpusRequest request, String target, boolean close) {
        StringBuilder head = new StringBuilder(target.length() + 128)
                .append("GET ")
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\nUser-Agent: cutover-load\r\n");
        for (String header : request.headers()) {
            head.append(header).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
