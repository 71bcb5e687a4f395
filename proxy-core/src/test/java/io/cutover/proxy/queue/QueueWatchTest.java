package io.cutover.proxy.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.ops.metrics.QueueDepthMetrics;
import io.cutover.ops.metrics.Telemetry;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The oldest-age estimate, fed by hand: no SQS is asked (the poll itself is covered end to end). */
class QueueWatchTest {

    private final Telemetry telemetry = Telemetry.create("cutover");
    private final QueueWatch watch =
            new QueueWatch(null, "q", null, new QueueDepthMetrics(telemetry.meter()), Clock.systemUTC());

    @AfterEach
    void tearDown() {
        watch.close();
        telemetry.close();
    }

    @Test
    void anEmptyQueueHasNoAge() {
        assertThat(watch.oldestAge(0, 10_000)).isZero();
    }

    @Test
    void agesFromWhenTheQueueWasFirstSeenHoldingMessagesWhileNoneWasReceived() {
        assertThat(watch.oldestAge(3, 10_000)).isZero();
        assertThat(watch.oldestAge(5, 70_000)).isEqualTo(60_000);
        assertThat(watch.oldestAge(0, 80_000)).isZero();
        assertThat(watch.oldestAge(1, 90_000)).isZero();
    }

    @Test
    void agesFromTheOldestEventWhoseReplayFailedUntilItIsReplayed() {
        QueuedEvent older = event("a", 1_000);
        QueuedEvent newer = event("b", 5_000);
        watch.failed(newer, BackendFailure.CONNECT, 0, "refused", 1);
        watch.failed(older, BackendFailure.CONNECT, 0, "refused", 1);
        watch.failed(older, BackendFailure.CONNECT, 0, "refused", 2);

        assertThat(watch.oldestAge(2, 61_000)).isEqualTo(60_000);
        watch.replayed(older, null, 200, 3, 1);
        assertThat(watch.oldestAge(1, 61_000)).isEqualTo(56_000);
        watch.dead(newer, "b", "gave up");
        assertThat(watch.oldestAge(1, 61_000))
                .as("back to the non-empty estimate")
                .isEqualTo(0);
    }

    private static QueuedEvent event(String id, long receivedAt) {
        return new QueuedEvent(
                id,
                "r.cfm",
                QueuedEvent.Kind.CLICK,
                QueuedEvent.Target.PRIMARY,
                "/cread.php?awinmid=1&awinaffid=2",
                Map.of(),
                receivedAt,
                "primary:connect");
    }
}
