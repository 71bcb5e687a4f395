package io.cutover.proxy.flow;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.Unmapped;
import io.cutover.ops.log.AccessLog;
import io.cutover.ops.log.AccessRecord;
import io.cutover.ops.metrics.EventMetrics;
import io.cutover.ops.metrics.ReceivedMetrics;
import io.cutover.ops.metrics.TagVocabulary;
import io.cutover.ops.privacy.ClientIp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Records how every request ended: the event metrics (by enum position, so the hot path looks
 * nothing up and builds no tags) and one access-log line per event, with the client address
 * truncated.
 */
public final class EventRecorder implements FlowObserver {

    private static final int PRIMARY_BACKEND = 0;
    private static final int LEGACY_BACKEND = 1;

    private final EventMetrics metrics;
    private final ReceivedMetrics received;
    private final AccessLog accessLog;
    private final Clock clock;

    /**
     * @param metrics built with {@link #vocabulary()}
     * @param accessLog where event lines go, or {@code null} for none
     */
    public EventRecorder(EventMetrics metrics, AccessLog accessLog, Clock clock) {
        this(metrics, null, accessLog, clock);
    }

    /**
     * @param metrics built with {@link #vocabulary()}
     * @param received counts events as they arrive (by the vocabulary's kinds), or {@code null}
     * @param accessLog where event lines go, or {@code null} for none
     */
    public EventRecorder(EventMetrics metrics, ReceivedMetrics received, AccessLog accessLog, Clock clock) {
        if (!metrics.vocabulary().equals(vocabulary())) {
            throw new IllegalArgumentException(
                    "metrics: built with another vocabulary (expected: EventRecorder.vocabulary())");
        }
        this.metrics = metrics;
        this.received = received;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    /**
     * The metric tags, listed in the order of the enums they come from: {@link LinkKind} (pass-through
     * standing for requests that could not be classified), {@link Fate}, the two backends, {@code ok}
     * then {@link BackendFailure}, {@link RejectReason}.
     */
    public static TagVocabulary vocabulary() {
        List<String> kinds = new ArrayList<>();
        for (LinkKind kind : LinkKind.values()) {
            kinds.add(kindTag(kind));
        }
        List<String> fates = new ArrayList<>();
        for (Fate fate : Fate.values()) {
            fates.add(fate.tag());
        }
        List<String> outcomes = new ArrayList<>();
        outcomes.add("ok");
        for (BackendFailure failure : BackendFailure.values()) {
            outcomes.add(failure.tag());
        }
        List<String> reasons = new ArrayList<>();
        for (RejectReason reason : RejectReason.values()) {
            reasons.add(reason.tag());
        }
        return new TagVocabulary(kinds, fates, List.of("primary", "legacy"), outcomes, reasons);
    }

    /** {@code r.cfm} for {@code /r.cfm}; {@code other} for everything unclassified. */
    public static String kindTag(LinkKind kind) {
        return kind.isTracked() ? kind.legacyPath().substring(1) : "other";
    }

    @Override
    public void received(LinkKind kind, String eventId) {
        if (received != null) {
            received.received((kind == null ? LinkKind.PASS_THROUGH : kind).ordinal());
        }
    }

    @Override
    public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
        metrics.outcome(exchange.kind().ordinal(), fate.ordinal()).record(nanos);
        recordAttempts(route);
        if (accessLog != null) {
            MappingResult mapping = exchange.mapping();
            String merchant = null;
            String affiliate = null;
            if (mapping instanceof Mapped mapped) {
                merchant = mapped.merchantId();
                affiliate = mapped.affiliateId();
            } else if (mapping instanceof Unmapped unmapped) {
                merchant = unmapped.merchantId().orElse(null);
            }
            accessLog.offer(new AccessRecord(
                    clock.instant(),
                    exchange.eventId(),
                    kindTag(exchange.kind()),
                    merchant,
                    affiliate,
                    fate.tag(),
                    status,
                    nanos,
                    ClientIp.truncate(exchange.headers().clientIp()),
                    route.summary(),
                    exchange.uri()));
        }
    }

    @Override
    public void rejected(LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {
        LinkKind known = kind == null ? LinkKind.PASS_THROUGH : kind;
        metrics.outcome(known.ordinal(), Fate.REJECTED.ordinal()).record(nanos);
        metrics.rejected(reason.ordinal()).increment();
        if (accessLog != null) {
            accessLog.offer(new AccessRecord(
                    clock.instant(),
                    eventId,
                    kindTag(known),
                    null,
                    null,
                    Fate.REJECTED.tag(),
                    reason.status().code(),
                    nanos,
                    ClientIp.truncate(clientIp),
                    "-",
                    uri == null ? "-" : uri));
        }
    }

    @Override
    public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {
        metrics.passthrough(status).increment();
        if (route != null) {
            recordAttempts(route);
        }
    }

    private void recordAttempts(Route<?> route) {
        for (Route.Step step : route.steps()) {
            int backend = step.backend().equals("primary") ? PRIMARY_BACKEND : LEGACY_BACKEND;
            int outcome = step.failure() == null ? 0 : step.failure().ordinal() + 1;
            metrics.attempt(backend, outcome).record(step.nanos());
        }
    }
}
