package io.cutover.ops.health;

import io.cutover.ops.json.JsonString;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The readiness checks' results at one moment, in registration order, and their JSON for
 * {@code /readyz}: {@code {"status":"UP","checks":{"listener":{"up":true,"detail":"…"}}}}.
 */
public record HealthReport(Map<String, CheckResult> checks) {

    /** Copies the results, keeping their order. */
    public HealthReport {
        Objects.requireNonNull(checks, "checks");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** True when every check is up (and so when there are none). */
    public boolean ready() {
        for (CheckResult result : checks.values()) {
            if (!result.up()) {
                return false;
            }
        }
        return true;
    }

    /** The status {@code /readyz} answers with: 200 when ready, 503 so a balancer looks elsewhere. */
    public int httpStatus() {
        return ready() ? 200 : 503;
    }

    /** The report as one JSON object. */
    public String toJson() {
        StringBuilder out = new StringBuilder(64 + 64 * checks.size());
        out.append("{\"status\":\"").append(ready() ? "UP" : "DOWN").append("\",\"checks\":{");
        boolean first = true;
        for (Map.Entry<String, CheckResult> entry : checks.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonString.append(out, entry.getKey());
            out.append(":{\"up\":").append(entry.getValue().up()).append(",\"detail\":");
            JsonString.append(out, entry.getValue().detail());
            out.append('}');
        }
        return out.append("}}").toString();
    }
}
