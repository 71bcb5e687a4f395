package io.cutover.loadtest.load;

import java.util.Locale;

/** Why a request got no whole answer. */
public enum Failure {
    /** The connection could not be made (refused, or no answer to the handshake in time). */
    CONNECT,
    /** The connection closed or broke before the whole answer arrived. */
    RESET,
    /** No whole answer within the plan's timeout, counted from when the request was due. */
    TIMEOUT,
    /** An answer that is not HTTP/1.1 the generator can read. */
    BAD_RESPONSE;

    /** The fate's name in reports: {@code connect}, {@code reset}, {@code timeout}, {@code bad-response}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
