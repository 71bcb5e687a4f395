package io.cutover.loadtest.load;

/**
 * What became of one request: its answer's status, Location and event ID, or why it got none.
 *
 * @param sequence the request's number in the run, from 0
 * @param request the corpus entry it was drawn from
 * @param target the target as sent ({@code {n}} replaced by the run's unique reference)
 * @param dueNanos when it was due, in nanoseconds from the run's start
 * @param latencyNanos from when it was due (open model) or sent (closed model) to the answer's end
 * @param status the HTTP status, 0 when {@code failure} is set
 * @param location the Location header, or {@code null}
 * @param eventId the {@code x-cutover-event-id} header, or {@code null}
 * @param failure why there was no whole answer, or {@code null}
 */
public record Answer(
        long sequence,
        CorpusRequest request,
        String target,
        long dueNanos,
        long latencyNanos,
        int status,
        String location,
        String eventId,
        Failure failure) {

    /** Whether a whole HTTP answer arrived (of any status). */
    public boolean answered() {
        return failure == null;
    }
}
