package io.cutover.proxy.synthetic;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import io.cutover.proxy.flow.Exchange;
import io.cutover.proxy.flow.FlowObserver;
import io.cutover.proxy.flow.RejectReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sees the synthetic clicks go by and remembers the fate Cutover recorded for each, so the prober
 * can check that its click was recorded, not only answered. A click is the prober's when its
 * {@code User-Agent} is exactly {@link #USER_AGENT}; every other request costs one string
 * comparison that fails on its first characters.
 */
public final class SyntheticWitness implements FlowObserver {

    /** The prober's {@code User-Agent}; the platforms see it too, and can leave such clicks out. */
    public static final String USER_AGENT = "Cutover-Synthetic/1";

    private static final int REMEMBERED = 64;

    private final Map<String, Fate> fates = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Fate> eldest) {
            return size() > REMEMBERED;
        }
    };

    @Override
    public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
        if (USER_AGENT.equals(exchange.headers().userAgent())) {
            synchronized (fates) {
                fates.put(exchange.eventId(), fate);
            }
        }
    }

    @Override
    public void rejected(LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {}

    @Override
    public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {}

    /** The fate recorded for a synthetic click's event, if it was seen. */
    public Optional<Fate> fate(String eventId) {
        synchronized (fates) {
            return Optional.ofNullable(fates.get(eventId));
        }
    }
}
