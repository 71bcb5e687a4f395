package io.cutover.failover;

import java.util.List;

/**
 * Where a request went and how it ended.
 *
 * @param fate {@link Fate#PRIMARY} or {@link Fate#LEGACY} when a backend answered; {@code null}
 *     for a local answer, whose fate the retry queue decides ({@link Fate#QUEUED}, {@link
 *     Fate#SPOOLED})
 * @param response the backend's answer to relay; {@code null} for a local answer
 * @param status the backend's status; 0 for a local answer
 * @param steps every attempt in order, for metrics and the access log
 * @param <R> the response type of the transport
 */
public record Route<R>(Fate fate, R response, int status, List<Step> steps) {

    public Route {
        if (fate != null && fate != Fate.PRIMARY && fate != Fate.LEGACY) {
            throw new IllegalArgumentException("fate: " + fate + " (expected: PRIMARY, LEGACY, or null for local)");
        }
        steps = List.copyOf(steps);
    }

    /** No backend answered: Cutover answers by itself, and the event goes to the retry queue. */
    public static <R> Route<R> local(List<Step> steps) {
        return new Route<>(null, null, 0, steps);
    }

    /** Whether Cutover must answer by itself. */
    public boolean isLocal() {
        return fate == null;
    }

    /** {@code primary:connect,legacy:ok}: the attempts in one short token for the access log. */
    public String summary() {
        if (steps.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(32);
        for (Step step : steps) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(step.backend()).append(':').append(step.outcomeTag());
        }
        return out.toString();
    }

    /**
     * One attempt.
     *
     * @param backend the backend's name
     * @param failure why it failed, or {@code null} if it answered
     * @param status the status it answered with (a {@link BackendFailure#BAD_STATUS} too); 0 when
     *     none
     * @param nanos how long it took
     * @param startedNanos when it started, on the chain's ticker; 0 when not known (traces lay
     *     such an attempt right after the one before)
     */
    public record Step(String backend, BackendFailure failure, int status, long nanos, long startedNanos) {

        /** An attempt whose start is not known. */
        public Step(String backend, BackendFailure failure, int status, long nanos) {
            this(backend, failure, status, nanos, 0);
        }

        /** {@code ok}, or the failure's tag. */
        public String outcomeTag() {
            return failure == null ? "ok" : failure.tag();
        }
    }
}
