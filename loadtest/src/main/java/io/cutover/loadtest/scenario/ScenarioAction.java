package io.cutover.loadtest.scenario;

import io.cutover.loadtest.load.LoadAction;
import io.cutover.loadtest.load.LoadHooks;
import io.cutover.proxy.cli.Args;
import io.cutover.proxy.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cutover load SCENARIO}: one scenario under load, then the loss ledger; exit 1 unless it
 * holds. Each scenario is its own action (the nested classes, registered as {@link LoadAction}
 * services), and {@code all} runs them in turn.
 */
public abstract class ScenarioAction implements LoadAction {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private final List<Scenario> scenarios;
    private final String name;

    ScenarioAction(String name, List<Scenario> scenarios) {
        this.name = name;
        this.scenarios = scenarios;
    }

    ScenarioAction(Scenario scenario) {
        this(scenario.label(), List.of(scenario));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return scenarios.size() == 1
                ? "scenario: " + scenarios.get(0).description() + "; then the loss ledger"
                : "every scenario in turn, each with its loss ledger";
    }

    @Override
    public String usage() {
        StringBuilder list = new StringBuilder();
        for (Scenario scenario : Scenario.values()) {
            list.append("  %-26s %s%n".formatted(scenario.label(), scenario.description()));
        }
        return """
                usage: cutover load SCENARIO|all [--duration 60s] [--rate 200] [--connections 64]
                                               [--max-requests N] [--event-loops 2]
                                               [--drain-timeout 120s] [--out DIR]

                Starts the sandbox on free loopback ports (Cutover as a child process for
                kill-and-restart) and sends --rate requests a second for --duration (the open
                model: a request's latency runs from when it was due) from the request corpus,
                while the scenario breaks things at fixed fractions of the run. Then it lifts
                every fault, waits up to --drain-timeout for the replay to empty the queue and
                the spool, and reconciles every event answered against what the simulated Awin
                and ShareASale counted and what the queue, the spool and the dead letters hold.
                Prints the fault windows, the latency, the ledger and the line
                "lost N, double-counted N, misrouted N"; exits 1 unless all three are 0 (and,
                without a kill, every fate is recorded once). report.html (plots, the fault
                windows shaded), report.json, the access logs and the spool go to --out
                (default: a new folder in the system's temporary folder).

                scenarios:
                """ + list;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        Duration duration = duration(args, "--duration", Duration.ofSeconds(60));
        int rate = args.intOption("--rate", 200, 1, 50_000);
        int connections = args.intOption("--connections", 64, 1, 10_000);
        int maxRequests = args.intOption("--max-requests", 10_000_000, 1, 100_000_000);
        int eventLoops = args.intOption("--event-loops", 2, 1, 64);
        Duration drainTimeout = duration(args, "--drain-timeout", Duration.ofSeconds(120));
        String outOption = args.option("--out");
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        Path base = outOption == null
                ? Files.createTempDirectory("cutover-load-")
                : Files.createDirectories(Path.of(outOption).toAbsolutePath());
        boolean allPass = true;
        for (Scenario scenario : scenarios) {
            Path workDir = scenarios.size() == 1 ? base : base.resolve(scenario.label());
            ScenarioOptions options =
                    new ScenarioOptions(duration, rate, connections, maxRequests, eventLoops, drainTimeout, workDir);
            out.println("running " + scenario.label() + " (files in " + workDir + ")");
            out.flush();
            LoadHooks hooks = LoadHooks.quiet().withProgress(err, System.console() != null);
            ScenarioResult result = new ScenarioRun(scenario, options, hooks, line -> {
                        out.println("  " + line);
                        out.flush();
                    })
                    .run();
            ScenarioReport.print(result, out);
            out.println("report: " + ScenarioReport.write(result) + " (and report.json)");
            out.println();
            allPass &= result.passes();
        }
        return allPass ? 0 : 1;
    }

    private static Duration duration(Args args, String option, Duration defaultValue) {
        String text = args.option(option);
        if (text == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException(option + ": " + text + " (expected: a duration such as 500ms, 30s or 5m)");
        }
        long amount = Long.parseLong(m.group(1));
        Duration parsed = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (parsed.isZero() || parsed.compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException(option + ": " + text + " (expected: more than 0 and at most 60m)");
        }
        return parsed;
    }

    /** {@code cutover load all}. */
    public static final class All extends ScenarioAction {
        public All() {
            super("all", List.of(Scenario.values()));
        }
    }

    public static final class Steady extends ScenarioAction {
        public Steady() {
            super(Scenario.STEADY);
        }
    }

    public static final class PrimaryOutage extends ScenarioAction {
        public PrimaryOutage() {
            super(Scenario.PRIMARY_OUTAGE);
        }
    }

    public static final class PrimarySlow extends ScenarioAction {
        public PrimarySlow() {
            super(Scenario.PRIMARY_SLOW);
        }
    }

    public static final class Primary5xxBurst extends ScenarioAction {
        public Primary5xxBurst() {
            super(Scenario.PRIMARY_5XX_BURST);
        }
    }

    public static final class LegacyAlsoDown extends ScenarioAction {
        public LegacyAlsoDown() {
            super(Scenario.LEGACY_ALSO_DOWN);
        }
    }

    public static final class SqsDown extends ScenarioAction {
        public SqsDown() {
            super(Scenario.SQS_DOWN);
        }
    }

    public static final class MappingReloadUnderLoad extends ScenarioAction {
        public MappingReloadUnderLoad() {
            super(Scenario.MAPPING_RELOAD_UNDER_LOAD);
        }
    }

    public static final class Spike extends ScenarioAction {
        public Spike() {
            super(Scenario.SPIKE);
        }
    }

    public static final class KillAndRestart extends ScenarioAction {
        public KillAndRestart() {
            super(Scenario.KILL_AND_RESTART);
        }
    }
}
