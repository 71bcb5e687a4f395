package io.cutover.failover;

import io.cutover.web.ControlCharacters;

/**
 * What counts as a usable answer from a backend: rules as data, decided once per request kind.
 */
public enum ResponsePolicy {
    /**
     * Tracked requests: the shopper must land, so only a success or a redirect to an absolute
     * http(s) location with no control characters is an answer; a 4xx or 5xx is a failure and the
     * next step of the chain gets its turn.
     */
    TRACKING {
        @Override
        public BackendFailure classify(int status, CharSequence location) {
            if (status >= 200 && status < 300) {
                return null;
            }
            if (status >= 300 && status < 400) {
                return isSafeLocation(location) ? null : BackendFailure.BAD_RESPONSE;
            }
            return status >= 400 && status < 600 ? BackendFailure.BAD_STATUS : BackendFailure.BAD_RESPONSE;
        }
    },
    /**
     * Replays: the platform got the event and answered, so a 2xx or any 3xx is a delivery (a
     * replayed click's redirect goes to nobody, its location does not matter); a 4xx or 5xx is a
     * failure the replayer retries or dead-letters.
     */
    REPLAY {
        @Override
        public BackendFailure classify(int status, CharSequence location) {
            if (status >= 200 && status < 400) {
                return null;
            }
            return status >= 400 && status < 600 ? BackendFailure.BAD_STATUS : BackendFailure.BAD_RESPONSE;
        }
    },
    /**
     * Passed-through requests (banner images, other legacy paths): any complete answer is relayed
     * as it is, a 404 included.
     */
    RELAY {
        @Override
        public BackendFailure classify(int status, CharSequence location) {
            return status >= 200 && status < 600 ? null : BackendFailure.BAD_RESPONSE;
        }
    };

    /**
     * Classifies a complete response.
     *
     * @param location the {@code Location} header, or {@code null}
     * @return {@code null} for a usable answer, else the failure
     */
    public abstract BackendFailure classify(int status, CharSequence location);

    /**
     * Whether a redirect location is absolute http(s) and free of control characters (CR and LF
     * above all: nothing that could split a header may reach the shopper).
     */
    public static boolean isSafeLocation(CharSequence location) {
        if (location == null) {
            return false;
        }
        int schemeEnd;
        if (startsWithIgnoreCase(location, "https://")) {
            schemeEnd = 8;
        } else if (startsWithIgnoreCase(location, "http://")) {
            schemeEnd = 7;
        } else {
            return false;
        }
        if (location.length() == schemeEnd) {
            return false;
        }
        return !ControlCharacters.inUrl(location);
    }

    private static boolean startsWithIgnoreCase(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(s.charAt(i)) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
