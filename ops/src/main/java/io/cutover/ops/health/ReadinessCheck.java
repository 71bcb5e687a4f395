package io.cutover.ops.health;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One named condition for taking traffic, such as "the listener is bound" or "the mapping
 * table is loaded".
 *
 * <p>A check is called on the admin listener's thread for every {@code /readyz}: it must read
 * state that is already known (a flag, a breaker's state), never do I/O.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** The condition's current state. */
    CheckResult check();

    /** A check that is up while {@code condition} holds, with a fixed detail for each state. */
    static ReadinessCheck of(BooleanSupplier condition, String upDetail, String downDetail) {
        Objects.requireNonNull(condition, "condition");
        CheckResult up = CheckResult.up(upDetail);
        CheckResult down = CheckResult.down(downDetail);
        return () -> condition.getAsBoolean() ? up : down;
    }
}
