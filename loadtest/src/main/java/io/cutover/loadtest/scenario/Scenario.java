package io.cutover.loadtest.scenario;

import io.cutover.loadtest.load.LoadModel;
import io.cutover.loadtest.sim.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scenarios of {@code cutover load SCENARIO}: what breaks, when (as fractions of the run, so
 * that a test's short run and the README's long one have the same shape), and how Cutover must
 * run for it. Every scenario ends with the loss ledger.
 */
public enum Scenario {
    STEADY("a healthy primary the whole run") {
        @Override
        List<Step> steps() {
            return List.of();
        }
    },
    PRIMARY_OUTAGE("Awin refuses connections from 20 % of the run to 60 %, then comes back") {
        @Override
        List<Step> steps() {
            return List.of(
                    Step.primary(0.2, Fault.down(), "primary down"), Step.primary(0.6, Fault.ok(), "primary down"));
        }
    },
    PRIMARY_SLOW("Awin answers 500 ms late (past the 150 ms response timeout) from 20 % to 60 %") {
        @Override
        List<Step> steps() {
            return List.of(
                    Step.primary(0.2, Fault.slow(Duration.ofMillis(500)), "primary slow"),
                    Step.primary(0.6, Fault.ok(), "primary slow"));
        }
    },
    PRIMARY_5XX_BURST("Awin answers 503 to everything from 30 % to 50 %") {
        @Override
        List<Step> steps() {
            return List.of(
                    Step.primary(0.3, Fault.error(503), "primary 503"), Step.primary(0.5, Fault.ok(), "primary 503"));
        }
    },
    LEGACY_ALSO_DOWN("Awin down from 20 % to 70 %, ShareASale down too from 30 % to 60 %: local answers, queued") {
        @Override
        List<Step> steps() {
            return List.of(
                    Step.primary(0.2, Fault.down(), "primary down"),
                    Step.legacy(0.3, Fault.down(), "legacy down"),
                    Step.legacy(0.6, Fault.ok(), "legacy down"),
                    Step.primary(0.7, Fault.ok(), "primary down"));
        }
    },
    SQS_DOWN("both platforms down from 20 % to 70 %, SQS down from 30 % to 60 %: local answers, spooled") {
        @Override
        List<Step> steps() {
            return List.of(
                    Step.primary(0.2, Fault.down(), "primary down"),
                    Step.legacy(0.2, Fault.down(), "legacy down"),
                    Step.sqs(0.3, true),
                    Step.sqs(0.6, false),
                    Step.legacy(0.7, Fault.ok(), "legacy down"),
                    Step.primary(0.7, Fault.ok(), "primary down"));
        }
    },
    MAPPING_RELOAD_UNDER_LOAD("the click table swapped and reloaded every 5 % of the run, from 20 % to 80 %") {
        @Override
        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i <= 12; i++) {
                steps.add(Step.reload(0.2 + i * 0.05, i % 2 == 0));
            }
            return steps;
        }

        @Override
        boolean ownMappings() {
            return true;
        }
    },
    SPIKE("ten times the rate from 40 % of the run to 50 %") {
        @Override
        List<Step> steps() {
            return List.of(Step.window(0.4, SPIKE_WINDOW, true), Step.window(0.5, SPIKE_WINDOW, false));
        }

        @Override
        List<LoadModel.Burst> bursts(Duration duration) {
            return List.of(new LoadModel.Burst(duration.multipliedBy(4).dividedBy(10), duration.dividedBy(10), 10));
        }
    },
    KILL_AND_RESTART("both platforms down from 15 % to 75 %, SQS down from 25 % to 60 %; Cutover (a child process)"
            + " killed with SIGKILL at 40 % and started again at 50 % on the same spool") {
        @Override
        List<Step> steps() {
            return List.of(
                    Step.primary(0.15, Fault.down(), "primary down"),
                    Step.legacy(0.15, Fault.down(), "legacy down"),
                    Step.sqs(0.25, true),
                    Step.kill(0.4),
                    Step.restart(0.5),
                    Step.sqs(0.6, false),
                    Step.legacy(0.75, Fault.ok(), "legacy down"),
                    Step.primary(0.75, Fault.ok(), "primary down"));
        }

        @Override
        boolean childProcess() {
            return true;
        }
    };

    static final String SPIKE_WINDOW = "rate ×10";

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    /** The timeline, in order. */
    abstract List<Step> steps();

    /** The open rate's bursts over a run of {@code duration}. */
    List<LoadModel.Burst> bursts(Duration duration) {
        return List.of();
    }

    /** Cutover serves mapping files of the run's own, so that the scenario can edit them. */
    boolean ownMappings() {
        return false;
    }

    /** Cutover runs as a child process (it is killed). */
    boolean childProcess() {
        return false;
    }

    /** The name on the command line: {@code primary-outage}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    public static Optional<Scenario> fromLabel(String label) {
        for (Scenario scenario : values()) {
            if (scenario.label().equals(label)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }
}
