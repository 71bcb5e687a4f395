package io.cutover.failover.queue;

import java.util.Map;

/** Queued events for tests, numbered so that each has its own event ID. */
final class Events {

    private Events() {}

    static QueuedEvent click(int n) {
        return new QueuedEvent(
                String.format("01a20393-042e-7d08-9a86-%012d", n),
                "r.cfm",
                QueuedEvent.Kind.CLICK,
                QueuedEvent.Target.PRIMARY,
                "/cread.php?awinmid=15532&awinaffid=402911&clickref=" + n,
                Map.of("User-Agent", "test", "X-Forwarded-For", "203.0.113.0"),
                1_795_356_296_000L + n,
                "primary:connect,legacy:connect");
    }
}
