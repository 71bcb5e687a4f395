package io.cutover.loadtest.scenario;

import io.cutover.loadtest.load.RunningLoad;
import java.util.HashMap;
import java.util.Map;

/**
 * A scenario's fault windows, marked on the running load as they happen, so that the load's
 * result (and its report's shading) has them with the load's own clock: a window opens once its
 * fault is in force (the switch returned) and closes once it is lifted. Windows are named by what
 * is wrong; opening one that is open, or closing one that is not, is a scenario's mistake.
 */
final class FaultLog {

    private final RunningLoad load;
    private final Map<String, RunningLoad.FaultHandle> open = new HashMap<>();

    FaultLog(RunningLoad load) {
        this.load = load;
    }

    /** Nanoseconds since the load started. */
    long elapsedNanos() {
        return load.elapsed().toNanos();
    }

    synchronized void begin(String label) {
        if (open.containsKey(label)) {
            throw new IllegalStateException("fault window " + label + ": already open");
        }
        open.put(label, load.fault(label));
    }

    synchronized void end(String label) {
        RunningLoad.FaultHandle handle = open.remove(label);
        if (handle == null) {
            throw new IllegalStateException("fault window " + label + ": not open");
        }
        handle.end();
    }

    /** Something that happened at one instant: a mapping reload. */
    void instant(String label) {
        load.mark(label);
    }
}
