package io.cutover.loadtest.load.compare;

import io.cutover.loadtest.load.LoadAction;
import io.cutover.proxy.cli.Args;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code cutover load idle}: Cutover's memory with many idle keep-alive client connections. */
public final class IdleAction implements LoadAction {

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String summary() {
        return "Cutover's RSS with many idle keep-alive client connections (default 10,000)";
    }

    @Override
    public String usage() {
        return """
                usage: cutover load idle [--connections 10000] [--jvm-options '-Xmx256m ...']

                Starts an nginx backend and Cutover (one event loop, access log to a file) on free
                loopback ports, warms Cutover up with 20,000 clicks, reads its RSS, then opens
                --connections client connections that each send one click and stay open, idle,
                and reads its RSS again (VmRSS of /proc/PID/status). Needs nginx and a file
                limit (ulimit -n) above the connection count.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        int connections = args.intOption("--connections", 10_000, 1, 50_000);
        String jvm = args.option("--jvm-options");
        if (!args.positional().isEmpty()) {
            throw new io.cutover.proxy.cli.UsageException(
                    "unexpected argument " + args.positional().get(0));
        }
        IdleConnections.Outcome outcome = IdleConnections.run(
                connections,
                20_000,
                jvm == null || jvm.isBlank()
                        ? List.of()
                        : Arrays.asList(jvm.trim().split("\\s+")),
                err);
        out.println(outcome.describe());
        return outcome.held() == connections ? 0 : 1;
    }
}
