package io.cutover.proxy.admin;

import io.cutover.failover.guard.BreakerOverride;
import io.cutover.proxy.reload.ReloadResult;
import io.cutover.proxy.replay.ReplayService;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the admin API reads and does on a running Cutover; every method is safe from the admin loop. */
public interface AdminOperations {

    /** {@code GET /admin/state}: everything an operator looks at, as one JSON object. */
    String stateJson();

    /** The backends whose breakers can be overridden: {@code primary}, and {@code legacy} when configured. */
    List<String> backends();

    /** Holds a backend's breaker open or closed, or releases it. */
    void override(String backend, BreakerOverride override);

    /** Reloads the mapping and the directory; must not block. */
    CompletableFuture<ReloadResult> reload();

    /** The replayer and dead letters, or {@code null} when replay is off. */
    ReplayService replay();

    /** Starts a drain unless one is under way, and answers with where it stands (JSON); must not block. */
    String drain();
}
