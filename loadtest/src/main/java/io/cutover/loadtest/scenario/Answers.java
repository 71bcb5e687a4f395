package io.cutover.loadtest.scenario;

/** Where a load generator reports each request's end; called from its threads, concurrently. */
public interface Answers {

    /**
     * An answer arrived.
     *
     * @param target the request target sent, e.g. {@code /r.cfm?...}
     * @param status the status
     * @param eventId the {@code X-Cutover-Event-Id} answered, or {@code null} when there was none
     * @param dueNanos when the request was due, on the generator's {@code System.nanoTime()} clock
     * @param latencyNanos from when it was due to the end of the answer (coordinated omission corrected)
     */
    void answered(String target, int status, String eventId, long dueNanos, long latencyNanos);

    /** No answer: refused, reset, or timed out; the shopper's browser would show an error. */
    void failed(String target, long dueNanos, String reason);
}
