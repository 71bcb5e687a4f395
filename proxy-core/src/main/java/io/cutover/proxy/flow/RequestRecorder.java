package io.cutover.proxy.flow;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import io.cutover.ops.metrics.RequestMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts every request in {@link RequestMetrics}: by endpoint (the link kind), route (who
 * answered), fate and status, with its latency per route. By enum position, so the hot path looks
 * nothing up.
 */
public final class RequestRecorder implements FlowObserver {

    static final int PRIMARY = 0;
    static final int LEGACY = 1;
    static final int LOCAL = 2;
    static final int NONE = 3;

    private final RequestMetrics metrics;

    /** @param metrics built with {@link #endpoints()} and {@link #fates()} */
    public RequestRecorder(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    /** The endpoint tags in {@link LinkKind} order. */
    public static List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        for (LinkKind kind : LinkKind.values()) {
            endpoints.add(EventRecorder.kindTag(kind));
        }
        return endpoints;
    }

    /** The fate tags in {@link Fate} order. */
    public static List<String> fates() {
        List<String> fates = new ArrayList<>();
        for (Fate fate : Fate.values()) {
            fates.add(fate.tag());
        }
        return fates;
    }

    /** Who answered a request that ended in {@code fate}: {@code primary}, {@code legacy} or {@code local}. */
    static int route(Fate fate) {
        if (fate == Fate.PRIMARY) {
            return PRIMARY;
        }
        return fate == Fate.LEGACY ? LEGACY : LOCAL;
    }

    @Override
    public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
        metrics.answered(exchange.kind().ordinal(), route(fate), fate.ordinal(), status, nanos);
    }

    @Override
    public void rejected(LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {
        LinkKind known = kind == null ? LinkKind.PASS_THROUGH : kind;
        metrics.answered(
                known.ordinal(), NONE, Fate.REJECTED.ordinal(), reason.status().code(), nanos);
    }

    @Override
    public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {
        int answeredBy = route == null || route.isLocal() ? LOCAL : LEGACY;
        metrics.answered(exchange.kind().ordinal(), answeredBy, metrics.untracked(), status, nanos);
    }
}
