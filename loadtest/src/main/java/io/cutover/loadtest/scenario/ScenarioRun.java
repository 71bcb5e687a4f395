package io.cutover.loadtest.scenario;

import io.cutover.loadtest.ledger.FateRecord;
import io.cutover.loadtest.ledger.LossLedger;
import io.cutover.loadtest.ledger.QueueContents;
import io.cutover.loadtest.ledger.Reconciliation;
import io.cutover.loadtest.load.ConnectionMix;
import io.cutover.loadtest.load.LoadGenerator;
import io.cutover.loadtest.load.LoadHooks;
import io.cutover.loadtest.load.LoadModel;
import io.cutover.loadtest.load.LoadPlan;
import io.cutover.loadtest.load.LoadResult;
import io.cutover.loadtest.load.RequestCorpus;
import io.cutover.loadtest.load.RunningLoad;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.ReceivedRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one scenario end to end: starts the stage, runs the load while the timeline pulls the
 * switches at their moments, lifts every fault, waits (bounded) for the replay to drain the
 * queue and the spool, holds everything still, reads the evidence and reconciles it.
 */
public final class ScenarioRun {

    /**
     * How long a request waits for its answer. Far past Cutover's own deadlines: an answer the
     * client gave up on is an event the ledger cannot name, so the client waits for nearly all.
     */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    /** Requests sent on a connection of their own, as link checkers and some apps do. */
    static final int NEW_CONNECTION_PERCENT = 10;

    /** Cutover's settings for a scenario over the sandbox's: no dead letter from a long outage alone. */
    static final Map<String, Object> OVERRIDES = Map.of("replay.max-receives", 90);

    private static final Duration POLL = Duration.ofMillis(200);
    /** The replayer's visibility timeout and longest back-off, and a margin: a held message is visible again by then. */
    private static final Duration HELD_MESSAGES = Duration.ofSeconds(10);

    private final Scenario scenario;
    private final ScenarioOptions options;
    private final LoadHooks hooks;
    private final Consumer<String> progress;

    /**
     * @param hooks the load's hooks (a progress line, or none); the ledger's listener is added
     * @param progress where one line per move goes (a fault applied, the drain), or a no-op
     */
    public ScenarioRun(Scenario scenario, ScenarioOptions options, LoadHooks hooks, Consumer<String> progress) {
        this.scenario = scenario;
        this.options = options;
        this.hooks = hooks;
        this.progress = progress;
    }

    public ScenarioResult run() throws Exception {
        Stage stage = scenario.childProcess()
                ? new ChildProcessStage(options.workDir(), options.eventLoops(), OVERRIDES)
                : new InProcessStage(options.workDir(), options.eventLoops(), scenario.ownMappings(), OVERRIDES);
        try {
            Sent sent = new Sent();
            LoadPlan plan = LoadPlan.of(
                            stage.address(),
                            new LoadModel.Open(options.rate(), scenario.bursts(options.duration())),
                            options.duration(),
                            options.maxRequests(),
                            RequestCorpus.standard(),
                            new ConnectionMix(options.connections(), NEW_CONNECTION_PERCENT))
                    .withTimeout(CLIENT_TIMEOUT);
            LoadResult load;
            ExecutorService mover = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "scenario-timeline");
                thread.setDaemon(true);
                return thread;
            });
            try (RunningLoad running = LoadGenerator.start(plan, hooks.withListener(sent))) {
                FaultLog log = new FaultLog(running);
                Future<?> timeline = mover.submit(() -> timeline(stage, log));
                try {
                    // Every move runs however long it takes (a killed Cutover is started again),
                    // and before the result is taken, so that it has every window.
                    timeline.get(options.duration().toMillis() + TimeUnit.MINUTES.toMillis(5), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
                load = running.await();
            } finally {
                mover.shutdownNow();
            }
            liftEveryFault(stage);

            long drainStart = System.nanoTime();
            boolean drained = await(stage::settled, options.drainTimeout());
            Duration drainTook = Duration.ofNanos(System.nanoTime() - drainStart);
            progress.accept(
                    drained
                            ? "drained in %.1f s".formatted(drainTook.toMillis() / 1e3)
                            : "NOT drained after %.1f s: reconciling what is left"
                                    .formatted(drainTook.toMillis() / 1e3));

            stage.stopCutover();
            // A message being delivered or backing off is invisible: wait for it to show before reading.
            await(() -> QueueDepth.invisible(stage.sqs().client(), stage.sqs().queueUrl()) == 0, HELD_MESSAGES);
            // The spool first: an event that leaves it meanwhile is in the queue by the queue's reading.
            List<String> spooled = QueueDepth.spooledEventIds(stage.spoolDir());
            Set<String> queued =
                    QueueContents.eventIds(stage.sqs().client(), stage.sqs().queueUrl());
            Set<String> dead =
                    QueueContents.eventIds(stage.sqs().client(), stage.sqs().deadLetterUrl());
            List<ReceivedRequest> atAwin = stage.awin().received();
            List<ReceivedRequest> atShareASale = stage.shareASale().received();
            stage.close();
            List<FateRecord> fates = stage.fates();

            LossLedger ledger = new LossLedger();
            sent.events().forEach(ledger::sent);
            Reconciliation reconciliation = ledger.platform("awin", atAwin)
                    .platform("shareasale", atShareASale)
                    .queued(queued)
                    .spooled(spooled)
                    .deadLetters(dead)
                    .fates(fates)
                    .reconcile();
            return new ScenarioResult(
                    scenario,
                    options,
                    load,
                    sent.unanswered(),
                    sent.samples(),
                    sent.withoutEventId(),
                    sent.repeatedEventId(),
                    drained,
                    drainTook,
                    reconciliation);
        } finally {
            // Idempotent: the evidence was read, or the run failed on the way.
            stage.close();
        }
    }

    /** Each step at its moment (late if the one before took long: the log has the real times). */
    private void timeline(Stage stage, FaultLog log) {
        List<Step> steps = scenario.steps().stream()
                .sorted(Comparator.comparingDouble(Step::at))
                .toList();
        long durationNanos = options.duration().toNanos();
        for (Step step : steps) {
            long due = (long) (step.at() * durationNanos);
            long wait = due - log.elapsedNanos();
            try {
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                step.action().apply(stage, log);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted before " + step.name(), e);
            } catch (Exception e) {
                throw new IllegalStateException(
                        scenario.label() + ": " + step.name() + " failed: " + e.getMessage(), e);
            }
            progress.accept("%6.2f s  %s".formatted(log.elapsedNanos() / 1e9, step.name()));
        }
    }

    /** Whatever a scenario left, the drain runs with everything up. */
    private static void liftEveryFault(Stage stage) {
        if (!stage.awin().fault().equals(Fault.ok())) {
            stage.awin().fault(Fault.ok());
        }
        if (!stage.shareASale().fault().equals(Fault.ok())) {
            stage.shareASale().fault(Fault.ok());
        }
        stage.sqs().relay().up();
    }

    /** Polls until true or the time is up; true if it came true. */
    private static boolean await(java.util.function.BooleanSupplier condition, Duration limit)
            throws InterruptedException {
        long giveUp = System.nanoTime() + limit.toNanos();
        while (true) {
            boolean met;
            try {
                met = condition.getAsBoolean();
            } catch (RuntimeException e) {
                met = false;
            }
            if (met) {
                return true;
            }
            if (System.nanoTime() >= giveUp) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
