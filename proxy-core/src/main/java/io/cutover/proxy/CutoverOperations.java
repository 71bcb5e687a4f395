package io.cutover.proxy;

import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.BreakerOverride;
import io.cutover.failover.guard.BreakerState;
import io.cutover.mapping.Translator;
import io.cutover.ops.admin.SyntheticStatus;
import io.cutover.ops.health.Health;
import io.cutover.ops.json.JsonString;
import io.cutover.ops.live.LiveStats;
import io.cutover.proxy.admin.AdminOperations;
import io.cutover.proxy.queue.RunningRetryQueue;
import io.cutover.proxy.reload.ReloadResult;
import io.cutover.proxy.reload.Reloader;
import io.cutover.proxy.reload.Snapshots;
import io.cutover.proxy.replay.ReplayService;
import io.cutover.proxy.server.Drain;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's view of one running Cutover: its state as JSON, and the actions (breaker
 * overrides, reload, drain). Reads only what is already known, so every call is cheap on the
 * admin loop.
 */
final class CutoverOperations implements AdminOperations {

    private static final Logger log = LoggerFactory.getLogger(CutoverOperations.class);

    private final Map<String, BackendGuard> guards;
    private final RunningRetryQueue retryQueue;
    private final ReplayService replay;
    private final Reloader reloader;
    private final Supplier<Translator> translator;
    private final LiveStats live;
    private final Health health;
    private final Drain drain;
    private final Runnable startDrain;
    private final Supplier<Long> drainStartedAt;
    private final Clock clock;
    private final long startedAt;
    private volatile SyntheticStatus synthetic = SyntheticStatus.NONE;

    CutoverOperations(
            Map<String, BackendGuard> guards,
            RunningRetryQueue retryQueue,
            ReplayService replay,
            Reloader reloader,
            Supplier<Translator> translator,
            LiveStats live,
            Health health,
            Drain drain,
            Runnable startDrain,
            Supplier<Long> drainStartedAt,
            Clock clock) {
        this.guards = guards;
        this.retryQueue = retryQueue;
        this.replay = replay;
        this.reloader = reloader;
        this.translator = translator;
        this.live = live;
        this.health = health;
        this.drain = drain;
        this.startDrain = startDrain;
        this.drainStartedAt = drainStartedAt;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    void synthetic(SyntheticStatus status) {
        this.synthetic = status == null ? SyntheticStatus.NONE : status;
    }

    @Override
    public List<String> backends() {
        return List.copyOf(guards.keySet());
    }

    @Override
    public void override(String backend, BreakerOverride override) {
        BackendGuard guard = guards.get(backend);
        if (guard == null) {
            throw new IllegalArgumentException("backend: " + backend + " (expected: one of " + guards.keySet() + ")");
        }
        BreakerState before = guard.state();
        guard.override(override);
        log.warn("admin: breaker {} set to {} (was {})", backend, override.tag(), before.tag());
    }

    @Override
    public CompletableFuture<ReloadResult> reload() {
        return reloader.reload("admin");
    }

    @Override
    public ReplayService replay() {
        return replay;
    }

    @Override
    public String drain() {
        startDrain.run();
        return drainJson(new StringBuilder()).toString();
    }

    @Override
    public String stateJson() {
        StringBuilder out = new StringBuilder(24 * 1024);
        out.append("{\"now\":").append(clock.millis());
        out.append(",\"startedAt\":").append(startedAt);
        out.append(",\"ready\":").append(health.check().toJson());
        out.append(",\"drain\":");
        drainJson(out);
        out.append(",\"breakers\":{");
        boolean first = true;
        for (BackendGuard guard : guards.values()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            BreakerState state = guard.state();
            JsonString.append(out, guard.name()).append(":{\"state\":");
            JsonString.append(out, state.tag()).append(",\"override\":");
            switch (state) {
                case FORCED_OPEN -> JsonString.append(out, BreakerOverride.FORCED_OPEN.tag());
                case DISABLED -> JsonString.append(out, BreakerOverride.FORCED_CLOSED.tag());
                default -> out.append("null");
            }
            out.append(",\"failureRate\":").append(round(guard.failureRate()));
            out.append(",\"slowCallRate\":").append(round(guard.slowCallRate()));
            out.append(",\"inFlight\":").append(guard.inFlight());
            out.append(",\"maxInFlight\":").append(guard.settings().maxInFlight());
            out.append('}');
        }
        out.append("},\"bulkheads\":{");
        first = true;
        for (BackendGuard guard : guards.values()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            int max = guard.settings().maxInFlight();
            JsonString.append(out, guard.name()).append(":{\"inFlight\":").append(guard.inFlight());
            out.append(",\"max\":").append(max);
            out.append(",\"saturation\":")
                    .append(round(100f * guard.inFlight() / Math.max(1, max)))
                    .append('}');
        }
        out.append("},\"queue\":{\"sqs\":");
        boolean sqsConfigured = retryQueue.sqsConfigured();
        JsonString.append(out, !sqsConfigured ? "none" : retryQueue.sqsAvailable() ? "up" : "down");
        out.append(",\"spool\":{\"records\":").append(retryQueue.spool().records());
        out.append(",\"bytes\":").append(retryQueue.spool().bytes());
        out.append(",\"maxBytes\":").append(retryQueue.spool().maxBytes());
        out.append(",\"dir\":");
        JsonString.append(out, retryQueue.spool().dir().toString());
        out.append("},\"replay\":{\"enabled\":").append(replay != null);
        out.append(",\"inFlight\":").append(replay == null ? 0 : replay.inFlight());
        out.append(",\"replayed\":").append(replay == null ? 0 : replay.replayed());
        out.append(",\"failed\":").append(replay == null ? 0 : replay.failed());
        out.append(",\"dead\":").append(replay == null ? 0 : replay.dead());
        out.append("}},\"mapping\":");
        mappingJson(out);
        out.append(",\"directory\":{\"merchants\":");
        Translator serving = translator.get();
        out.append(Snapshots.merchants(serving)).append(",\"affiliates\":").append(Snapshots.affiliates(serving));
        out.append(",\"detail\":");
        JsonString.append(out, Snapshots.directoryCheck(serving).detail());
        out.append("},\"live\":").append(live.toJson());
        out.append(",\"synthetic\":");
        String syntheticJson;
        try {
            syntheticJson = synthetic.toJson();
        } catch (RuntimeException e) {
            syntheticJson = null;
        }
        out.append(syntheticJson == null || syntheticJson.isBlank() ? SyntheticStatus.NONE.toJson() : syntheticJson);
        return out.append('}').toString();
    }

    private void mappingJson(StringBuilder out) {
        Translator serving = translator.get();
        out.append("{\"version\":").append(reloader.version());
        out.append(",\"endpoints\":")
                .append(serving == null ? 0 : serving.table().endpoints().size());
        out.append(",\"sources\":[");
        if (serving != null) {
            List<String> sources = serving.table().sources();
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                JsonString.append(out, sources.get(i));
            }
        }
        out.append("],\"lastReload\":");
        Reloader.Outcome last = reloader.last();
        if (last == null) {
            out.append("null");
        } else {
            out.append("{\"ok\":").append(last.result().ok());
            out.append(",\"trigger\":");
            JsonString.append(out, last.result().trigger());
            out.append(",\"at\":").append(last.at().toEpochMilli());
            out.append(",\"problems\":")
                    .append(last.result().problems().size() + last.result().omitted());
            out.append(",\"summary\":");
            JsonString.append(out, last.result().summary());
            out.append('}');
        }
        out.append('}');
    }

    private StringBuilder drainJson(StringBuilder out) {
        out.append("{\"state\":");
        JsonString.append(out, drain.state().tag());
        Long started = drainStartedAt.get();
        out.append(",\"startedAt\":").append(started == null ? "null" : started.toString());
        out.append(",\"inFlight\":").append(drain.inFlight());
        out.append(",\"connections\":").append(drain.connections());
        return out.append('}');
    }

    private static String round(float value) {
        return Float.isNaN(value) ? "-1" : Float.toString(Math.round(value * 10f) / 10f);
    }
}
