package io.cutover.ops.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Writes one request's trace once it is answered: a server span for the request with the event ID
 * as an attribute, and one client span per backend attempt under it, each at the times it really
 * took. Building the spans after the fact, from what the request's way recorded, keeps tracing off
 * the way itself: no context is carried through the event loop's callbacks, and a request that is
 * not sampled costs one sampler decision.
 */
public final class RequestSpans {

    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cutover.event_id");
    public static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("cutover.endpoint");
    public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("cutover.route");
    public static final AttributeKey<String> FATE = AttributeKey.stringKey("cutover.fate");
    public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("cutover.backend");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cutover.outcome");
    public static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    public static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("cutover.attempt");

    private final Tracer tracer;

    public RequestSpans(Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    /**
     * One request.
     *
     * @param eventId the event ID, or {@code null} for a request that is not tracked
     * @param endpoint e.g. {@code r.cfm}, {@code other}
     * @param route who answered: {@code primary}, {@code legacy}, {@code local}, {@code none}
     * @param fate the event's fate tag
     * @param startEpochNanos when it arrived, wall clock
     * @param nanos how long it took to answer
     * @param attempts its backend attempts in order
     */
    public void record(
            String eventId,
            String method,
            String endpoint,
            String route,
            String fate,
            int status,
            long startEpochNanos,
            long nanos,
            List<Attempt> attempts) {
        Span request = tracer.spanBuilder(method + " " + endpoint)
                .setSpanKind(SpanKind.SERVER)
                .setNoParent()
                .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                .startSpan();
        if (!request.isRecording()) {
            return;
        }
        if (eventId != null) {
            request.setAttribute(EVENT_ID, eventId);
        }
        request.setAttribute(METHOD, method);
        request.setAttribute(ENDPOINT, endpoint);
        request.setAttribute(ROUTE, route);
        request.setAttribute(FATE, fate);
        request.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            request.setStatus(StatusCode.ERROR);
        }
        Context parent = Context.root().with(request);
        long previousEnd = 0;
        int n = 0;
        for (Attempt attempt : attempts) {
            long offset = attempt.offsetNanos() >= 0 ? attempt.offsetNanos() : previousEnd;
            Span child = tracer.spanBuilder("attempt " + attempt.backend())
                    .setSpanKind(SpanKind.CLIENT)
                    .setParent(parent)
                    .setStartTimestamp(startEpochNanos + offset, TimeUnit.NANOSECONDS)
                    .startSpan();
            if (eventId != null) {
                child.setAttribute(EVENT_ID, eventId);
            }
            child.setAttribute(BACKEND, attempt.backend());
            child.setAttribute(OUTCOME, attempt.outcome());
            child.setAttribute(ATTEMPT, (long) ++n);
            if (attempt.status() > 0) {
                child.setAttribute(STATUS, (long) attempt.status());
            }
            if (!attempt.outcome().equals("ok")) {
                child.setStatus(StatusCode.ERROR, attempt.outcome());
            }
            previousEnd = offset + Math.max(0, attempt.nanos());
            child.end(startEpochNanos + previousEnd, TimeUnit.NANOSECONDS);
        }
        request.end(startEpochNanos + Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /**
     * One backend attempt of a request.
     *
     * @param offsetNanos when it started after the request arrived; negative when not known
     * @param status the status the backend answered, 0 for none
     */
    public record Attempt(String backend, String outcome, int status, long offsetNanos, long nanos) {}
}
