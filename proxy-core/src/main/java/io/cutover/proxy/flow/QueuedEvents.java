package io.cutover.proxy.flow;

import io.cutover.failover.Route;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.mapping.Mapped;
import io.cutover.ops.privacy.ClientIp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The retry queue's record of a locally answered event, taken from the exchange: the translated
 * Awin request of a mapped event (replayed to the primary), the original legacy request of an
 * unmapped one (replayed to legacy). A mapped event that legacy may have counted already (its
 * attempt there timed out or was reset after the request left) is replayed to legacy too, as
 * the original request: that platform drops the replay if it counted the event, where the
 * primary would count it a second time. Only the {@code User-Agent} and the truncated client
 * address are kept: never a cookie, never a full IP.
 */
public final class QueuedEvents {

    static final String USER_AGENT = "User-Agent";
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private QueuedEvents() {}

    /**
     * @param receivedAtMillis when the request arrived, epoch milliseconds
     */
    public static QueuedEvent of(Exchange exchange, Route<?> route, long receivedAtMillis) {
        boolean toPrimary = exchange.mapping() instanceof Mapped && !legacyMayHaveCounted(route);
        return of(exchange, route.summary(), receivedAtMillis, toPrimary);
    }

    /**
     * An event no backend was asked for (e.g. a conversion over the client's rate limit).
     *
     * @param reason why it was answered locally, e.g. {@code rate_limited}
     * @param receivedAtMillis when the request arrived, epoch milliseconds
     */
    public static QueuedEvent of(Exchange exchange, String reason, long receivedAtMillis) {
        return of(exchange, reason, receivedAtMillis, exchange.mapping() instanceof Mapped);
    }

    private static QueuedEvent of(Exchange exchange, String reason, long receivedAtMillis, boolean toPrimary) {
        Map<String, String> headers = new LinkedHashMap<>(4);
        String userAgent = exchange.headers().userAgent();
        if (userAgent != null) {
            headers.put(USER_AGENT, userAgent);
        }
        String clientIp = ClientIp.truncate(exchange.headers().clientIp());
        if (!clientIp.equals(ClientIp.UNKNOWN)) {
            headers.put(FORWARDED_FOR, clientIp);
        }
        return new QueuedEvent(
                exchange.eventId(),
                EventRecorder.kindTag(exchange.kind()),
                exchange.kind().isClick() ? QueuedEvent.Kind.CLICK : QueuedEvent.Kind.CONVERSION,
                toPrimary ? QueuedEvent.Target.PRIMARY : QueuedEvent.Target.LEGACY,
                toPrimary ? exchange.primaryUri() : exchange.uri(),
                headers,
                receivedAtMillis,
                reason);
    }

    private static boolean legacyMayHaveCounted(Route<?> route) {
        for (Route.Step step : route.steps()) {
            if (step.backend().equals("legacy")
                    && step.failure() != null
                    && step.failure().mayHaveCounted()) {
                return true;
            }
        }
        return false;
    }
}
