package io.cutover.proxy.cli;

import io.cutover.mapping.Translator;
import io.cutover.mapping.cases.CaseResult;
import io.cutover.mapping.cases.GoldenCases;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.EndpointMapping;
import io.cutover.mapping.table.MappingTable;
import io.cutover.mapping.yaml.InvalidFileException;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cutover check}: validates a config, mapping files or a directory file without starting
 * anything, reporting every problem with its {@code file:line}. Run it before a deploy or a
 * reload.
 */
public final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "validate a config, mapping files or a directory without starting Cutover";
    }

    @Override
    public String usage() {
        return """
                usage: cutover check --config FILE [--cases DIR]
                       cutover check [--mapping FILE]... [--directory FILE] [--cases DIR]

                With --config: the configuration and every file it names. Otherwise the mapping
                files and directory given (the built-in table and the sample directory when none
                is given). With --cases: also runs every *.case file of DIR (e.g. mappings/cases)
                through that table and directory, printing a diff for each failure.
                Exit status 0 when everything is valid and every case passes, 1 otherwise, with
                every problem as file:line:column.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args = new Args(argv);
        String configFile = args.option("--config");
        List<Path> mappings = new ArrayList<>();
        for (String file; (file = args.option("--mapping")) != null; ) {
            mappings.add(Path.of(file));
        }
        String directoryFile = args.option("--directory");
        String casesDir = args.option("--cases");
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        if (configFile != null && (!mappings.isEmpty() || directoryFile != null)) {
            throw new UsageException("--config names its own mapping files and directory");
        }
        Path directory = directoryFile == null ? null : Path.of(directoryFile);
        if (configFile != null) {
            CutoverConfig config = ConfigLoader.load(Path.of(configFile));
            out.println(configFile + ": configuration valid");
            mappings = config.mappingFiles();
            directory = config.directoryFile().orElse(null);
        }
        try {
            MappingTable table = mappings.isEmpty() ? MappingTable.builtIn() : MappingTable.load(mappings);
            for (EndpointMapping endpoint : table.endpoints()) {
                out.println("mapping: " + endpoint);
            }
            FileDirectory loaded = directory == null ? FileDirectory.sample() : FileDirectory.load(directory);
            out.println("directory: " + loaded.source() + ": " + loaded.merchantCount() + " merchants, "
                    + loaded.affiliateCount() + " affiliates");
            if (casesDir == null) {
                return 0;
            }
            List<CaseResult> results =
                    GoldenCases.run(new Translator(table, loaded), GoldenCases.load(Path.of(casesDir)));
            int failed = 0;
            for (CaseResult result : results) {
                if (!result.passed()) {
                    failed++;
                    err.println("FAIL " + result.goldenCase().name());
                    err.print(result.diff().orElseThrow());
                }
            }
            out.println("cases: " + casesDir + ": " + (results.size() - failed) + " passed, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        } catch (InvalidFileException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
