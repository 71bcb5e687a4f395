package io.cutover.loadtest.scenario;

import io.cutover.proxy.cli.Args;
import io.cutover.proxy.cli.Command;
import io.cutover.proxy.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code cutover load SCENARIO}: a scenario under load, then the loss ledger; exit 1 unless it balances. */
public final class LoadCommand implements Command {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String summary() {
        return "run a fault scenario under load and reconcile the loss ledger (exit 1 if anything is lost)";
    }

    @Override
    public String usage() {
        StringBuilder scenarios = new StringBuilder();
        for (Scenario scenario : Scenario.values()) {
            scenarios.append("  %-26s %s%n".formatted(scenario.label(), scenario.description()));
        }
        return """
                usage: cutover load SCENARIO|all [--duration 60s] [--rate 200] [--connections 8]
                                               [--max-requests N] [--event-loops 2]
                                               [--drain-timeout 120s] [--out DIR]

                Starts the sandbox on free loopback ports (Cutover as a child process for
                kill-and-restart), sends --rate requests a second for --duration (an open model:
                a request's latency runs from when it was due) from a mix of deep-link and plain
                r.cfm clicks, u.cfm, m-pr.cfm, sale.cfm and clicks for a merchant only ShareASale
                knows, while the scenario breaks things at fixed fractions of the run. Then it
                lifts every fault, waits up to --drain-timeout for the replay to empty the queue
                and the spool, and reconciles every event answered against what the simulated
                Awin and ShareASale counted and what the queue, the spool and the dead letters
                hold. Prints the fault windows, the latency, the ledger, and the line
                "lost N, double-counted N, misrouted N"; exits 1 unless all three are 0 (and,
                without a kill, every fate is recorded once). The JSON summary, access logs and
                spool go to --out (default: a new folder in the system's temporary folder).
                "all" runs every scenario in turn.

                scenarios:
                """ + scenarios;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        Duration duration = duration(args, "--duration", Duration.ofSeconds(60));
        int rate = args.intOption("--rate", 200, 1, 50_000);
        int connections = args.intOption("--connections", 8, 1, 512);
        int maxRequests = args.intOption("--max-requests", 10_000_000, 1, 100_000_000);
        int eventLoops = args.intOption("--event-loops", 2, 1, 64);
        Duration drainTimeout = duration(args, "--drain-timeout", Duration.ofSeconds(120));
        String outOption = args.option("--out");
        List<String> positional = args.positional();
        if (positional.size() != 1) {
            throw new UsageException(
                    positional.isEmpty() ? "which scenario?" : "unexpected argument " + positional.get(1));
        }
        List<Scenario> scenarios = new ArrayList<>();
        if (positional.get(0).equals("all")) {
            scenarios.addAll(List.of(Scenario.values()));
        } else {
            scenarios.add(Scenario.fromLabel(positional.get(0))
                    .orElseThrow(() -> new UsageException("unknown scenario " + positional.get(0))));
        }
        Path base = outOption == null
                ? Files.createTempDirectory("cutover-load-")
                : Files.createDirectories(Path.of(outOption).toAbsolutePath());
        boolean allPass = true;
        for (Scenario scenario : scenarios) {
            Path workDir = scenarios.size() == 1 && outOption != null ? base : base.resolve(scenario.label());
            ScenarioOptions options =
                    new ScenarioOptions(duration, rate, connections, maxRequests, eventLoops, drainTimeout, workDir);
            out.println("running " + scenario.label() + " (files in " + workDir + ")");
            out.flush();
            ScenarioResult result = new ScenarioRun(scenario, options, new PacedLoad(), line -> {
                        out.println("  " + line);
                        out.flush();
                    })
                    .run();
            ScenarioReport.print(result, out);
            Path summary = workDir.resolve("summary.json");
            ScenarioReport.writeJson(result, summary);
            out.println("summary: " + summary);
            out.println();
            allPass &= result.passes();
        }
        return allPass ? 0 : 1;
    }

    private static Duration duration(Args args, String name, Duration defaultValue) {
        String text = args.option(name);
        if (text == null) {
            return defaultValue;
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException(name + ": " + text + " (expected: a duration such as 500ms, 30s or 5m)");
        }
        long amount = Long.parseLong(m.group(1));
        Duration parsed = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (parsed.isZero() || parsed.compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException(name + ": " + text + " (expected: more than 0 and at most 60m)");
        }
        return parsed;
    }
}
