package io.cutover.proxy.config;

import io.cutover.ops.admin.AdminToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What operators may do to a running Cutover, and how it stops.
 *
 * @param token the bearer token every changing admin call needs ({@code admin.token}, or {@code
 *     CUTOVER_ADMIN_TOKEN}); empty means no admin call may change anything
 * @param drainTimeout how long a drain (SIGTERM, or {@code POST /admin/drain}) lets the requests
 *     in flight finish before their connections are closed; the retry queue and the spool are
 *     flushed after it
 */
public record ControlSettings(Optional<AdminToken> token, Duration drainTimeout) {

    public ControlSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }
}
