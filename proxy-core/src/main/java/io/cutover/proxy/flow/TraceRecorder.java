package io.cutover.proxy.flow;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import io.cutover.ops.metrics.RequestMetrics;
import io.cutover.ops.trace.RequestSpans;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes each request's trace through {@link RequestSpans}: the request's span (event ID, endpoint,
 * route, fate, status) and one span per backend attempt, placed at the times they took on the
 * proxy's ticker.
 */
public final class TraceRecorder implements FlowObserver {

    private final RequestSpans spans;
    private final Clock clock;

    public TraceRecorder(RequestSpans spans, Clock clock) {
        this.spans = spans;
        this.clock = clock;
    }

    @Override
    public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
        record(exchange, RequestMetrics.ROUTES.get(RequestRecorder.route(fate)), fate.tag(), status, route, nanos);
    }

    @Override
    public void rejected(LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {
        LinkKind known = kind == null ? LinkKind.PASS_THROUGH : kind;
        spans.record(
                eventId,
                "GET",
                EventRecorder.kindTag(known),
                "none",
                Fate.REJECTED.tag(),
                reason.status().code(),
                startEpochNanos(nanos),
                nanos,
                List.of());
    }

    @Override
    public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {
        String answeredBy = route == null || route.isLocal() ? "local" : "legacy";
        record(exchange, answeredBy, RequestMetrics.UNTRACKED, status, route, nanos);
    }

    private void record(Exchange exchange, String answeredBy, String fate, int status, Route<?> route, long nanos) {
        List<RequestSpans.Attempt> attempts = new ArrayList<>(2);
        if (route != null) {
            for (Route.Step step : route.steps()) {
                long offset = step.startedNanos() == 0 ? -1 : step.startedNanos() - exchange.startNanos();
                attempts.add(new RequestSpans.Attempt(
                        step.backend(), step.outcomeTag(), step.status(), offset, step.nanos()));
            }
        }
        spans.record(
                exchange.eventId(),
                exchange.method().name(),
                EventRecorder.kindTag(exchange.kind()),
                answeredBy,
                fate,
                status,
                startEpochNanos(nanos),
                nanos,
                attempts);
    }

    /** The wall-clock time a request that took {@code nanos} and is answered now arrived. */
    private long startEpochNanos(long nanos) {
        Instant now = clock.instant();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano() - Math.max(0, nanos);
    }
}
