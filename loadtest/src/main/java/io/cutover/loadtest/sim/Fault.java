package io.cutover.loadtest.sim;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fault a simulated platform's tracking listener applies: a mode plus the one parameter that
 * mode takes (a delay for {@link FaultMode#SLOW}, a status for {@link FaultMode#ERROR}). Other
 * modes carry a zero delay and status 0, so two equal faults always behave the same.
 *
 * @param mode what goes wrong
 * @param delay how long a {@code slow} answer waits; {@link Duration#ZERO} for every other mode
 * @param status the status an {@code error} answer carries; 0 for every other mode
 */
public record Fault(FaultMode mode, Duration delay, int status) {

    /** The delay of {@code slow} when none is given: long enough to trip any sane client deadline. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(2000);

    /** The status of {@code error} when none is given. */
    public static final int DEFAULT_STATUS = 503;

    /** The longest {@code slow} delay accepted; longer ones are typos, not scenarios. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(10);

    private static final Fault OK = new Fault(FaultMode.OK, Duration.ZERO, 0);
    private static final Fault DOWN = new Fault(FaultMode.DOWN, Duration.ZERO, 0);
    private static final Fault RESET = new Fault(FaultMode.RESET, Duration.ZERO, 0);
    private static final Fault ECHO = new Fault(FaultMode.ECHO, Duration.ZERO, 0);

    public Fault {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(delay, "delay");
        if (mode == FaultMode.SLOW) {
            if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException(
                        "ms: " + delay.toMillis() + " (expected: 0.." + MAX_DELAY.toMillis() + ")");
            }
        } else if (!delay.isZero()) {
            throw new IllegalArgumentException("ms: " + delay.toMillis() + " (expected: only with mode=slow)");
        }
        if (mode == FaultMode.ERROR) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
            }
        } else if (status != 0) {
            throw new IllegalArgumentException("status: " + status + " (expected: only with mode=error)");
        }
    }

    /** Answer normally. */
    public static Fault ok() {
        return OK;
    }

    /** Refuse connections until another fault is set. */
    public static Fault down() {
        return DOWN;
    }

    /** Delay every answer by {@link #DEFAULT_DELAY}. */
    public static Fault slow() {
        return slow(DEFAULT_DELAY);
    }

    /** Delay every answer by {@code delay}. */
    public static Fault slow(Duration delay) {
        return new Fault(FaultMode.SLOW, delay, 0);
    }

    /** Answer every request with {@link #DEFAULT_STATUS}. */
    public static Fault error() {
        return error(DEFAULT_STATUS);
    }

    /** Answer every request with {@code status} (400..599). */
    public static Fault error(int status) {
        return new Fault(FaultMode.ERROR, Duration.ZERO, status);
    }

    /** Read each request, then abort its connection with a TCP RST. */
    public static Fault reset() {
        return RESET;
    }

    /** Redirect every click to its deep link untouched, as a naive platform would. */
    public static Fault echo() {
        return ECHO;
    }

    /**
     * The JSON form, shared by {@code GET /fault} and the request records: {@code {"mode":"slow",
     * "ms":500}}, {@code {"mode":"error","status":503}}, {@code {"mode":"ok"}}.
     */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mode.label());
        if (mode == FaultMode.SLOW) {
            json.put("ms", delay.toMillis());
        }
        if (mode == FaultMode.ERROR) {
            json.put("status", status);
        }
        return json;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case SLOW -> "slow(" + delay.toMillis() + "ms)";
            case ERROR -> "error(" + status + ")";
            default -> mode.label();
        };
    }
}
