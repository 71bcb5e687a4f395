package io.cutover.loadtest.sim;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * How a simulated platform's tracking listener misbehaves. The names are the ones the control API
 * takes ({@code POST /fault?mode=...}), so a scenario file, a curl line and a test read the same.
 */
public enum FaultMode {
    /** Answer normally. */
    OK,
    /** Refuse connections: the listening socket and every accepted connection are closed. */
    DOWN,
    /** Answer normally, but only after a delay. */
    SLOW,
    /** Answer every request with an error status and a short text body. */
    ERROR,
    /** Read the request, then abort the connection with a TCP RST and no response. */
    RESET,
    /**
     * A naive platform: answer every click with a 302 to the deep link it was given, decoded once
     * and otherwise untouched (no scheme added, no click ID, no check of any kind); other requests
     * are answered normally. What a safe-redirect check must stand up to.
     */
    ECHO;

    /** The lower-case name used on the wire. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this wire name (exact, lower-case), if any. */
    public static Optional<FaultMode> fromLabel(String label) {
        for (FaultMode mode : values()) {
            if (mode.label().equals(label)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** The wire names, comma-separated, for error messages. */
    static String labels() {
        StringBuilder joined = new StringBuilder();
        for (FaultMode mode : values()) {
            if (joined.length() > 0) {
                joined.append(", ");
            }
            joined.append(mode.label());
        }
        return joined.toString();
    }
}
