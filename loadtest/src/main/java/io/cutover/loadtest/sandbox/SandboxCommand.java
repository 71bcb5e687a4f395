package io.cutover.loadtest.sandbox;

import io.cutover.proxy.cli.Args;
import io.cutover.proxy.cli.Command;
import io.cutover.proxy.cli.Shutdown;
import io.cutover.proxy.cli.StartupBanner;
import io.cutover.proxy.cli.UsageException;
import java.io.PrintStream;
import java.util.List;

/** {@code cutover sandbox}: everything embedded on loopback, for trying Cutover on a fresh machine. */
public final class SandboxCommand implements Command {

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public String summary() {
        return "run Cutover with a simulated Awin and ShareASale on this machine (the embedded default)";
    }

    @Override
    public String usage() {
        return """
                usage: cutover sandbox [--port 8080] [--admin-port 9090]
                                       [--awin-port 8081] [--awin-control-port 8091]
                                       [--shareasale-port 8082] [--shareasale-control-port 8092]
                                       [--event-loops N] [--access-log stdout|off|FILE]
                                       [--sqs-port 9324]

                Runs Cutover on 127.0.0.1 between a simulated Awin (primary) and a simulated
                ShareASale (legacy), with the built-in mapping table and the sample directory, and
                an in-process SQS (ElasticMQ) whose retry queue the replayer drains to the
                simulated Awin.
                Nothing leaves the machine. Ctrl-C stops everything.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws InterruptedException {
        Args args = new Args(argv);
        SandboxOptions defaults = SandboxOptions.defaults();
        SandboxOptions options = new SandboxOptions(
                args.intOption("--port", defaults.cutoverPort(), 0, 65535),
                args.intOption("--admin-port", defaults.adminPort(), 0, 65535),
                args.intOption("--awin-port", defaults.awinPort(), 0, 65535),
                args.intOption("--awin-control-port", defaults.awinControlPort(), 0, 65535),
                args.intOption("--shareasale-port", defaults.shareASalePort(), 0, 65535),
                args.intOption("--shareasale-control-port", defaults.shareASaleControlPort(), 0, 65535),
                args.intOption("--event-loops", defaults.eventLoops(), 0, 256),
                accessLog(args.option("--access-log"), defaults.accessLog()),
                args.intOption("--sqs-port", defaults.sqsPort(), 0, 65535));
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        Sandbox sandbox = Sandbox.start(options);
        out.println(StartupBanner.describe(sandbox.cutover()));
        out.println();
        out.println(TryThis.text(sandbox));
        out.flush();
        Shutdown.await(sandbox);
        return 0;
    }

    private static String accessLog(String value, String defaultValue) {
        return value == null ? defaultValue : value;
    }
}
