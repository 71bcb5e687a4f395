package io.cutover.proxy.cli;

import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code cutover serve --config cutover.yaml}: the production mode. */
public final class ServeCommand implements Command {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run Cutover against the backends, mapping and directory a config file names";
    }

    @Override
    public String usage() {
        return """
                usage: cutover serve --config FILE

                Runs Cutover until it is stopped. SIGTERM (or Ctrl-C) drains first: readiness
                goes down, no new connections, requests in flight finish within
                shutdown.drain-timeout, the retry queue and spool are flushed, exit 0. FILE is a cutover.yaml
                (see config/cutover.example.yaml); every key can be overridden by a CUTOVER_*
                environment variable. A configuration that does not fit stops the start with
                every problem listed as `key: value (expected: ...)`.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws InterruptedException {
        Args args = new Args(argv);
        String file = args.option("--config");
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        if (file == null) {
            throw new UsageException("--config FILE is required");
        }
        CutoverConfig config = ConfigLoader.load(Path.of(file));
        Cutover cutover = Cutover.start(config);
        out.println(StartupBanner.describe(cutover));
        Shutdown.drainThenClose(() -> cutover.drain().join(), cutover);
        return 0;
    }
}
