package io.cutover.proxy.flow;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.guard.GuardListener;
import io.cutover.mapping.LinkKind;
import io.cutover.ops.live.LiveStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the live dashboard: every request's route and fate with its latency, every failed
 * backend attempt, rejected request and breaker transition as a recent error. Cheap and
 * non-blocking, like the other observers.
 */
public final class LiveRecorder implements FlowObserver, GuardListener {

    private final LiveStats stats;

    public LiveRecorder(LiveStats stats) {
        this.stats = stats;
    }

    /** The live view's routes, in {@link LinkKind} order ({@code other} for pass-through). */
    public static List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (LinkKind kind : LinkKind.values()) {
            routes.add(EventRecorder.kindTag(kind));
        }
        return routes;
    }

    /**
     * The live view's fates: a request's first fate, in {@link Fate} order up to {@link
     * Fate#REJECTED} (replayed and dead come later, from the replayer, and are series of their own).
     */
    public static List<String> fates() {
        List<String> fates = new ArrayList<>();
        for (Fate fate : Fate.values()) {
            if (fate.ordinal() <= Fate.REJECTED.ordinal()) {
                fates.add(fate.tag());
            }
        }
        return fates;
    }

    public LiveStats stats() {
        return stats;
    }

    @Override
    public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
        stats.request(exchange.kind().ordinal(), fate.ordinal(), nanos);
        if (fate == Fate.OVERFLOW) {
            stats.errors().record("retry-queue", "overflow: event only in the error log", exchange.eventId());
        }
        attempts(route, exchange.eventId());
    }

    @Override
    public void rejected(LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {
        LinkKind known = kind == null ? LinkKind.PASS_THROUGH : kind;
        stats.request(known.ordinal(), Fate.REJECTED.ordinal(), nanos);
        stats.errors().record("client", reason.tag(), eventId);
    }

    @Override
    public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {
        if (route != null) {
            // A pass-through legacy did not answer has no fate (Cutover answered 502): its
            // attempts still show among the errors.
            if (route.fate() != null) {
                stats.request(LinkKind.PASS_THROUGH.ordinal(), route.fate().ordinal(), nanos);
            }
            attempts(route, exchange.eventId());
        }
    }

    private void attempts(Route<?> route, String eventId) {
        for (Route.Step step : route.steps()) {
            if (step.failure() != null) {
                stats.errors().record(step.backend(), step.outcomeTag(), eventId);
            }
        }
    }

    @Override
    public void stateChanged(String backend, BreakerState from, BreakerState to) {
        stats.errors().record("breaker " + backend, from.tag() + " → " + to.tag(), null);
    }

    @Override
    public void bulkheadFull(String backend) {
        stats.errors().record(backend, "bulkhead full", null);
    }

    @Override
    public void retried(String backend) {}

    @Override
    public void retryBudgetExhausted(String backend) {
        stats.errors().record(backend, "retry budget spent", null);
    }
}
