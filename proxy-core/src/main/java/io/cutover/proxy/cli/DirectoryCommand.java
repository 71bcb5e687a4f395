package io.cutover.proxy.cli;

import io.cutover.mapping.directory.DirectoryImport;
import io.cutover.mapping.directory.DynamoDbClients;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.yaml.InvalidFileException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * {@code cutover directory import}: loads a directory export (the directory file format, YAML
 * and the affiliates CSV it names) into the DynamoDB table a {@code store: dynamodb} directory
 * reads. The file is validated whole first, as a reload would; nothing is written unless all of
 * it is valid.
 */
public final class DirectoryCommand implements Command {

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public String summary() {
        return "load a directory file (YAML + affiliates CSV) into the DynamoDB table";
    }

    @Override
    public String usage() {
        return """
                usage: cutover directory import FILE --table TABLE [--endpoint URL] [--region REGION] [--create]

                Validates FILE (a directory file; the affiliates CSV it names is read too), then
                writes every merchant and affiliate to TABLE as the DynamoDB store reads them
                (layout in the README), 25 items per batch, items DynamoDB leaves unprocessed
                written again with back-off. Prints one summary line. Running it again is safe.

                  --endpoint URL   another endpoint than AWS's, e.g. http://127.0.0.1:8000 (DynamoDB Local)
                  --region REGION  the table's region (default eu-west-1; AWS_REGION is not read)
                  --create         create the table first (partition key pk, on-demand) if missing

                Credentials: the default AWS chain; with --endpoint and none set, a dummy pair.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args = new Args(argv);
        String table = args.option("--table");
        String endpoint = args.option("--endpoint");
        String region = args.option("--region");
        boolean create = args.flag("--create");
        List<String> positional = args.positional();
        if (positional.isEmpty() || !positional.get(0).equals("import")) {
            throw new UsageException("expected: directory import FILE --table TABLE");
        }
        if (positional.size() != 2) {
            throw new UsageException(
                    positional.size() < 2 ? "FILE is required" : "unexpected argument " + positional.get(2));
        }
        if (table == null) {
            throw new UsageException("--table TABLE is required");
        }
        Optional<URI> endpointUri = Optional.ofNullable(endpoint).map(DirectoryCommand::endpoint);
        FileDirectory export;
        try {
            export = FileDirectory.load(Path.of(positional.get(1)));
        } catch (InvalidFileException e) {
            err.println(e.getMessage());
            err.println("nothing was written to " + table);
            return 1;
        }
        try (DynamoDbAsyncClient client = DynamoDbClients.async(endpointUri, region == null ? "eu-west-1" : region)) {
            DirectoryImport importer = new DirectoryImport(client, table);
            if (create) {
                importer.createTable().join();
            }
            DirectoryImport.Summary summary = importer.write(export).join();
            out.println(summary.line(table));
            return 0;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            err.println("directory import into " + table + " failed: " + cause.getMessage());
            return 1;
        }
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--endpoint: " + value + " (expected: an http(s) URL such as http://127.0.0.1:8000)");
    }
}
