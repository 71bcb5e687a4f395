package io.cutover.ops.health;

import java.util.Objects;

/**
 * The outcome of one readiness check: up or down, and a short detail for the operator
 * ({@code "bound :8080"}, {@code "breaker OPEN since 12:03:07Z"}).
 */
public record CheckResult(boolean up, String detail) {

    /** Checks that the detail is present (it may be empty). */
    public CheckResult {
        Objects.requireNonNull(detail, "detail");
    }

    /** An up result with {@code detail}. */
    public static CheckResult up(String detail) {
        return new CheckResult(true, detail);
    }

    /** A down result with {@code detail}. */
    public static CheckResult down(String detail) {
        return new CheckResult(false, detail);
    }
}
