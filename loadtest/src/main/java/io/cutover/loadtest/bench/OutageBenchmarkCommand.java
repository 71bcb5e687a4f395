package io.cutover.loadtest.bench;

import io.cutover.proxy.cli.Args;
import io.cutover.proxy.cli.Command;
import io.cutover.proxy.cli.UsageException;
import java.io.PrintStream;
import java.util.List;

/** {@code cutover bench-outage}: the {@link OutageBenchmark}, from the launcher. */
public final class OutageBenchmarkCommand implements Command {

    @Override
    public String name() {
        return "bench-outage";
    }

    @Override
    public String summary() {
        return "measure clicks during a primary outage once its breaker is open (p50/p99/max, fates)";
    }

    @Override
    public String usage() {
        return """
                usage: cutover bench-outage [--clicks 20000] [--rate 1000] [--connections 8]
                                            [--event-loops 2] [--warm-up 5000]

                Starts the sandbox on free loopback ports, takes the simulated Awin down, sends
                clicks until the primary's breaker opens, then measures --clicks clicks at --rate
                per second (an open model: a click's time runs from when it was due), first with
                ShareASale up, then with both platforms down. Prints p50, p99, p99.9 and max, and
                the count of each fate.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        OutageBenchmark.Options options = new OutageBenchmark.Options(
                args.intOption("--clicks", 20_000, 1, 10_000_000),
                args.intOption("--rate", 1000, 1, 100_000),
                args.intOption("--connections", 8, 1, 1024),
                args.intOption("--event-loops", 2, 1, 256),
                args.intOption("--warm-up", 5000, 0, 10_000_000));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        OutageBenchmark.report(OutageBenchmark.run(options), options, out);
        return 0;
    }
}
