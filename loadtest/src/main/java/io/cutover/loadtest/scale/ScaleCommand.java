package io.cutover.loadtest.scale;

import io.cutover.proxy.cli.Args;
import io.cutover.proxy.cli.Command;
import io.cutover.proxy.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code cutover scale}: start-to-ready time and directory heap at production scale. */
public final class ScaleCommand implements Command {

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String summary() {
        return "measure start-to-ready time and the directory's heap at production scale";
    }

    @Override
    public String usage() {
        return """
                usage: cutover scale [--merchants 10000] [--affiliates 250000] [--keep DIR]

                Generates a directory file and affiliates CSV of that size, starts Cutover with
                them (file store, loopback, ports of the system's choosing), and reports the time
                from start until /readyz answers 200 and the heap the preloaded directory retains.
                The files go to a temporary folder, removed afterwards unless --keep DIR names
                one to write them to.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        int merchants = args.intOption("--merchants", 10_000, 1, 1_000_000);
        int affiliates = args.intOption("--affiliates", 250_000, 0, 10_000_000);
        String keep = args.option("--keep");
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        Path folder = keep != null ? Path.of(keep) : Files.createTempDirectory("cutover-scale");
        try {
            out.println(ScaleMeasurement.run(folder, merchants, affiliates).report());
            return 0;
        } finally {
            if (keep == null) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
