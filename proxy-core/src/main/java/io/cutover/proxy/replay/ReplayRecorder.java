package io.cutover.proxy.replay;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.Fate;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.replay.ReplayObserver;
import io.cutover.failover.replay.ReplayRequest;
import io.cutover.ops.log.AccessLog;
import io.cutover.ops.log.AccessRecord;
import io.cutover.ops.metrics.ReplayMetrics;
import java.time.Clock;
import java.util.Locale;

/**
 * Records the later fates of queued events: {@code replayed} and {@code dead} in {@link
 * ReplayMetrics}, and one access-log line each with the event ID, so that a queued event's whole
 * story is in the log: its first line says {@code queued}, its last {@code replayed} or {@code
 * dead}.
 */
public final class ReplayRecorder implements ReplayObserver {

    private static final int MAX_ERROR_IN_LOG = 300;

    private final ReplayMetrics metrics;
    private final AccessLog accessLog;
    private final Clock clock;

    /** @param accessLog where the lines go, or {@code null} for none */
    public ReplayRecorder(ReplayMetrics metrics, AccessLog accessLog, Clock clock) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    @Override
    public void replayed(QueuedEvent event, ReplayRequest request, int status, int receives, long nanos) {
        String backend = backend(event);
        metrics.replayed(backend, clock.millis() - event.receivedAtMillis());
        if (accessLog != null) {
            accessLog.offer(new AccessRecord(
                    clock.instant(),
                    event.eventId(),
                    event.endpoint(),
                    null,
                    null,
                    Fate.REPLAYED.tag(),
                    status,
                    nanos,
                    "-",
                    backend + ":ok",
                    request.uri()));
        }
    }

    @Override
    public void failed(QueuedEvent event, BackendFailure failure, int status, String detail, int receives) {
        metrics.failure(backend(event), failure.tag());
    }

    @Override
    public void dead(QueuedEvent event, String eventId, String error) {
        String backend = event == null ? "none" : backend(event);
        metrics.dead(backend);
        if (accessLog != null) {
            String shown = error.length() <= MAX_ERROR_IN_LOG ? error : error.substring(0, MAX_ERROR_IN_LOG) + "…";
            accessLog.offer(new AccessRecord(
                    clock.instant(),
                    eventId == null ? "-" : eventId,
                    event == null ? "-" : event.endpoint(),
                    null,
                    null,
                    Fate.DEAD.tag(),
                    0,
                    0,
                    "-",
                    shown,
                    event == null ? "-" : event.uri()));
        }
    }

    private static String backend(QueuedEvent event) {
        return event.target().name().toLowerCase(Locale.ROOT);
    }
}
