package io.cutover.loadtest.load;

import io.cutover.proxy.cli.Args;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code cutover load run}: the generator against a server already running on this machine. */
public final class RunAction implements LoadAction {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "load a running server on loopback (e.g. the sandbox) and write the report";
    }

    @Override
    public String usage() {
        return "usage: cutover load run --target 127.0.0.1:8080 [--report target/load-reports] [OPTIONS]\n\n"
                + "Sends the request mix to the target, prints a progress line each second, then the\n"
                + "figures, and writes run-TIME.html (plots) and run-TIME.json into the report folder.\n\n"
                + LoadOptions.USAGE;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        String target = args.option("--target");
        Path reports = LoadOptions.reportDir(args);
        LoadPlan plan = LoadOptions.plan(args, LoadOptions.target(target));
        LoadOptions.noneLeft(args);
        LoadResult result;
        try (RunningLoad run =
                LoadGenerator.start(plan, LoadHooks.quiet().withProgress(err, System.console() != null))) {
            result = run.await();
        }
        String name = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path html = LoadReport.write(reports, name, "load run against " + target, result);
        out.println(describe(result));
        out.println("report: " + html.toAbsolutePath() + " (and " + name + ".json)");
        return result.failed() == 0 ? 0 : 1;
    }

    /** The figures in a few lines. */
    static String describe(LoadResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s for %.1f s: sent %,d, %,.0f req/s, failed %,d; latency p50 %.3f ms, p90 %.3f, p99 %.3f,"
                        + " p99.9 %.3f, max %.3f%n",
                r.plan().model().describe(),
                r.sendingTime().toNanos() / 1e9,
                r.sent(),
                r.requestsPerSecond(),
                r.failed(),
                r.millis(50),
                r.millis(90),
                r.millis(99),
                r.millis(99.9),
                r.latency().getMaxValue() / 1e6));
        out.append("fates: ").append(new java.util.TreeMap<>(r.fates()));
        return out.toString();
    }
}
