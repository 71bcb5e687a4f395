package io.cutover.loadtest.load;

import java.util.Locale;

/** Why a run stopped sending. */
public enum StopReason {
    /** The plan's duration was over. */
    DURATION,
    /** The plan's request count was reached. */
    COUNT,
    /** {@link RunningLoad#stop()} was called. */
    STOPPED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
