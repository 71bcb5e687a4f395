package io.cutover.ops.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Liveness and readiness for the admin listener: {@code /healthz} is up while the process can
 * answer at all, {@code /readyz} is up when every named {@link ReadinessCheck} is, so that a load
 * balancer sends traffic only to an instance that can route it.
 *
 * <p>The set of checks is fixed when built; a check that throws counts as down, with the
 * exception as its detail, so one broken check cannot take the endpoint down with it.
 */
public final class Health {

    /** The {@code Content-Type} of both JSON bodies. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    /** The body of {@code /healthz}: answering is the proof of life. */
    public static final String LIVE_JSON = "{\"status\":\"UP\"}";

    private final Map<String, ReadinessCheck> checks;

    private Health(Map<String, ReadinessCheck> checks) {
        this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** A builder to register checks on. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check once, in registration order. */
    public HealthReport check() {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        checks.forEach((name, check) -> results.put(name, run(check)));
        return new HealthReport(results);
    }

    /** True when every check is up now. */
    public boolean ready() {
        return check().ready();
    }

    private static CheckResult run(ReadinessCheck check) {
        try {
            CheckResult result = check.check();
            return result != null ? result : CheckResult.down("check returned no result");
        } catch (RuntimeException e) {
            return CheckResult.down(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Collects named checks; names are unique and printable. */
    public static final class Builder {
        private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();

        private Builder() {}

        /** Registers {@code check} under {@code name}, e.g. {@code listener}, {@code mapping}. */
        public Builder check(String name, ReadinessCheck check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name: '" + name + "' (expected: not blank)");
            }
            if (checks.putIfAbsent(name, check) != null) {
                throw new IllegalArgumentException("name: '" + name + "' (expected: unique, registered twice)");
            }
            return this;
        }

        /** The health with the checks registered so far. */
        public Health build() {
            return new Health(checks);
        }
    }
}
