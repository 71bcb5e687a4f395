package io.cutover.failover;

/**
 * The result of one attempt at one backend: an answer to relay, or a classified failure. Closed,
 * so the chain handles both.
 *
 * @param <R> the response type of the transport (opaque to this module)
 */
public sealed interface Attempt<R> permits Attempt.Answered, Attempt.Failed {

    /** How long the attempt took, in nanoseconds. */
    long nanos();

    /** A usable answer. The chain hands it to the caller, who owns it from then on. */
    record Answered<R>(R response, int status, long nanos) implements Attempt<R> {}

    /**
     * A failed attempt. Backends release anything they received before reporting a failure.
     *
     * @param status the status the backend answered with, for {@link BackendFailure#BAD_STATUS}
     *     and {@link BackendFailure#BAD_RESPONSE}; 0 when it answered nothing
     * @param detail one line for logs, e.g. the exception message
     */
    record Failed<R>(BackendFailure failure, int status, String detail, long nanos) implements Attempt<R> {}

    /** A failure without a status. */
    static <R> Attempt<R> failed(BackendFailure failure, String detail, long nanos) {
        return new Failed<>(failure, 0, detail, nanos);
    }
}
