package io.cutover.loadtest.sim;

import io.cutover.failover.LocalAnswer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulator answers, decided in full when the request arrives and written later (at once,
 * or after a {@code slow} delay). Plain bytes, not a Netty buffer, so an answer that is never
 * written (the connection died during the delay) cannot leak.
 *
 * @param status the HTTP status code
 * @param headers header names to values, in the order written; {@code Content-Length} is added
 *     when the response is written
 * @param body the body; written for GET, withheld for HEAD
 */
record SimResponse(int status, Map<String, String> headers, byte[] body) {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    static final String GIF = "image/gif";

    SimResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A {@code 302 Found} to {@code location}, never cached: each click must reach the platform. */
    static SimResponse redirect(String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        headers.put("Cache-Control", "no-store");
        return new SimResponse(302, headers, new byte[0]);
    }

    /** A 200 with the transparent 1×1 GIF. */
    static SimResponse gif() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", GIF);
        headers.put("Cache-Control", "no-store");
        return new SimResponse(200, headers, LocalAnswer.pixel().body());
    }

    /** A short text answer, one line: a reason for a 4xx, a note for a simulated error. */
    static SimResponse text(int status, String line) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", TEXT);
        headers.put("Cache-Control", "no-store");
        return new SimResponse(status, headers, (line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A 200 with a JSON body, for the control listener. */
    static SimResponse json(byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        return new SimResponse(200, headers, body);
    }

    /** The same answer with one more header (or a replaced one). */
    SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, more, body);
    }
}
