package io.cutover.ops.synthetic;

import java.time.Duration;

/**
 * Where the synthetic click stands, for whoever shows it (the admin state, the dashboard): a
 * supplier of the latest {@link SyntheticReport}. Safe to call from any thread, and cheap: it
 * returns what the prober last recorded, it never sends a click.
 */
@FunctionalInterface
public interface SyntheticStatus {

    /** The latest report. */
    SyntheticReport current();

    /** The status of a prober that does not run. */
    static SyntheticStatus off() {
        SyntheticReport off = SyntheticReport.off(Duration.ZERO);
        return () -> off;
    }
}
