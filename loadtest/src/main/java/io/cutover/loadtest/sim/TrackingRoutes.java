package io.cutover.loadtest.sim;

import io.cutover.web.ControlCharacters;
import java.util.Optional;

/**
 * One platform's tracking endpoints: a pure function from request to answer, so the listener,
 * its faults and its records are shared while each platform only says what it would reply.
 */
interface TrackingRoutes {

    /** Answers a GET or HEAD request; called on an event loop, so it must not block. */
    SimResponse answer(SimRequest request);

    /**
     * The {@code echo} fault's answer: a 302 to the click's deep link exactly as it arrived
     * (decoded once), or empty for requests that are not clicks with a deep link. A value no
     * header can carry (CR, LF, NUL) is a 400, as no HTTP server could send it either.
     */
    Optional<SimResponse> echo(SimRequest request);

    /** The echo answer for a deep link as decoded: the untouched redirect, or a 400. */
    static Optional<SimResponse> echoOf(String deepLink) {
        if (deepLink == null || deepLink.isEmpty()) {
            return Optional.empty();
        }
        if (ControlCharacters.inFieldValue(deepLink)) {
            return Optional.of(SimResponse.text(400, "deep link: cannot be sent in a header"));
        }
        return Optional.of(SimResponse.redirect(deepLink));
    }

    /** The answer to a path the platform does not serve. */
    static SimResponse notFound(SimRequest request) {
        return SimResponse.text(404, "not found: " + request.path());
    }

    /** Whether a value is a numeric platform ID (1–18 digits, so it fits a long). */
    static boolean isNumericId(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The 400 for a missing or non-numeric ID parameter, with the reason in the body. */
    static SimResponse badId(String name, String value) {
        String shown = value == null ? "missing" : "'" + value + "'";
        return SimResponse.text(400, name + ": " + shown + " (expected: digits)");
    }
}
