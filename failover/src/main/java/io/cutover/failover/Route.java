package io.cutover.failover;

import java.util.List;

/**
 * Where a request went and how it ended.
 *
 * @param fate {@link Fate#PRIMARY}, {@link Fate#LEGACY} or {@link Fate#LOCAL}
 * @param response the backend's answer to relay; {@code null} when the fate is {@code LOCAL}
 * @param status the backend's status; 0 when the fate is {@code LOCAL}
 * @param steps every attempt in order, for metrics and the access log
 * @param <R> the response type of the transport
 */
public record Route<R>(Fate fate, R response, int status, List<Step> steps) {

    public Route {
        steps = List.copyOf(steps);
    }

    /** Whether Cutover must answer by itself. */
    public boolean isLocal() {
        return fate == Fate.LOCAL;
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
     */
    public record Step(String backend, BackendFailure failure, int status, long nanos) {

        /** {@code ok}, or the failure's tag. */
        public String outcomeTag() {
            return failure == null ? "ok" : failure.tag();
        }
    }
}
