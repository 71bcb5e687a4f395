package io.cutover.loadtest.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the query of {@code POST /fault} into a {@link Fault}. Strict on purpose: a scenario that
 * asks for {@code mode=slo} or {@code ms} on an {@code error} fault is a mistake to report, not to
 * guess around.
 */
final class FaultParameters {

    private static final Set<String> NAMES = Set.of("mode", "ms", "status");

    private FaultParameters() {}

    /**
     * The fault these parameters ask for.
     *
     * @throws IllegalArgumentException with a {@code name: value (expected: ...)} reason
     */
    static Fault parse(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (!NAMES.contains(param.getKey())) {
                throw new IllegalArgumentException(param.getKey() + ": unknown parameter (expected: mode, ms, status)");
            }
            if (param.getValue().size() > 1) {
                throw new IllegalArgumentException(
                        param.getKey() + ": given " + param.getValue().size() + " times (expected: once)");
            }
        }
        String modeValue = single(params, "mode");
        if (modeValue == null) {
            throw new IllegalArgumentException("mode: missing (expected: " + FaultMode.labels() + ")");
        }
        FaultMode mode = FaultMode.fromLabel(modeValue)
                .orElseThrow(() -> new IllegalArgumentException(
                        "mode: '" + modeValue + "' (expected: " + FaultMode.labels() + ")"));
        String ms = single(params, "ms");
        String status = single(params, "status");
        if (ms != null && mode != FaultMode.SLOW) {
            throw new IllegalArgumentException("ms: '" + ms + "' (expected: only with mode=slow)");
        }
        if (status != null && mode != FaultMode.ERROR) {
            throw new IllegalArgumentException("status: '" + status + "' (expected: only with mode=error)");
        }
        return switch (mode) {
            case OK -> Fault.ok();
            case DOWN -> Fault.down();
            case RESET -> Fault.reset();
            case ECHO -> Fault.echo();
            case SLOW -> ms == null ? Fault.slow() : Fault.slow(Duration.ofMillis(delayMillis(ms)));
            case ERROR -> status == null ? Fault.error() : Fault.error(errorStatus(status));
        };
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long delayMillis(String value) {
        long max = Fault.MAX_DELAY.toMillis();
        if (!isDigits(value, 9) || Long.parseLong(value) > max) {
            throw new IllegalArgumentException("ms: '" + value + "' (expected: milliseconds, 0.." + max + ")");
        }
        return Long.parseLong(value);
    }

    private static int errorStatus(String value) {
        if (!isDigits(value, 3) || Integer.parseInt(value) < 400 || Integer.parseInt(value) > 599) {
            throw new IllegalArgumentException("status: '" + value + "' (expected: 400..599)");
        }
        return Integer.parseInt(value);
    }

    private static boolean isDigits(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
