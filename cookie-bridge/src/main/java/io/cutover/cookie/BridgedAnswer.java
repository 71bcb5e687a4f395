package io.cutover.cookie;

import java.util.List;

/**
 * The cookies and landing the browser gets for one answer.
 *
 * @param setCookies the {@code Set-Cookie} values to send, in order
 * @param location the {@code Location} to send, or null when the answer had none
 */
public record BridgedAnswer(List<String> setCookies, String location) {

    public BridgedAnswer {
        setCookies = List.copyOf(setCookies);
    }
}
