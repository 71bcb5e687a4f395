package io.cutover.loadtest.scenario;

import io.cutover.loadtest.sim.Fault;

/**
 * One move of a scenario's timeline, at a fraction of the run: a fault applied or lifted (its
 * window opened or closed in the {@link FaultLog} once the switch is in force), a reload, a kill.
 *
 * @param at when, as a fraction of the run's duration (0..1)
 * @param name what it does, for messages
 * @param action the move
 */
record Step(double at, String name, Action action) {

    /** A move against the stage, recorded in the log. */
    @FunctionalInterface
    interface Action {
        void apply(Stage stage, FaultLog log) throws Exception;
    }

    Step {
        if (at < 0 || at > 1) {
            throw new IllegalArgumentException("step " + name + ": at " + at + " (expected: 0..1)");
        }
    }

    static Step primary(double at, Fault fault, String window) {
        return new Step(at, "primary " + fault, (stage, log) -> {
            stage.awin().fault(fault);
            mark(log, window, fault);
        });
    }

    static Step legacy(double at, Fault fault, String window) {
        return new Step(at, "legacy " + fault, (stage, log) -> {
            stage.shareASale().fault(fault);
            mark(log, window, fault);
        });
    }

    static Step sqs(double at, boolean down) {
        return new Step(at, down ? "sqs down" : "sqs ok", (stage, log) -> {
            if (down) {
                stage.sqs().relay().down();
                log.begin("sqs down");
            } else {
                stage.sqs().relay().up();
                log.end("sqs down");
            }
        });
    }

    /** Opens (begin) or closes a window that only marks the run, e.g. a spike's. */
    static Step window(double at, String window, boolean begin) {
        return new Step(at, window + (begin ? " begins" : " ends"), (stage, log) -> {
            if (begin) {
                log.begin(window);
            } else {
                log.end(window);
            }
        });
    }

    /** The mapping's click table swapped to the shipped one or its variant, then reloaded. */
    static Step reload(double at, boolean variant) {
        return new Step(at, "mapping reload", (stage, log) -> {
            BuiltInMappings mappings = BuiltInMappings.load();
            mappings.writeClickTable(stage.mappingFolder(), variant);
            if (!stage.reload()) {
                throw new IllegalStateException("the mapping reload was refused");
            }
            log.instant(variant ? "reload: afftrack → clickref" : "reload: afftrack → clickref2");
        });
    }

    static Step kill(double at) {
        return new Step(at, "kill -9", (stage, log) -> {
            log.begin("cutover killed");
            stage.kill();
        });
    }

    static Step restart(double at) {
        return new Step(at, "restart", (stage, log) -> {
            stage.restart();
            log.end("cutover killed");
        });
    }

    private static void mark(FaultLog log, String window, Fault fault) {
        if (fault.equals(Fault.ok())) {
            log.end(window);
        } else {
            log.begin(window);
        }
    }
}
