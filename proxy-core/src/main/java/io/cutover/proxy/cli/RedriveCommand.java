package io.cutover.proxy.cli;

import io.cutover.failover.replay.DeadLetters;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import io.cutover.proxy.replay.SqsClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@code cutover redrive}: sends dead letters back to the retry queue, where a replayer takes
 * them again. The same as {@code POST /admin/redrive}, without a running Cutover.
 */
public final class RedriveCommand implements Command {

    @Override
    public String name() {
        return "redrive";
    }

    @Override
    public String summary() {
        return "send dead letters back to the retry queue for another replay";
    }

    @Override
    public String usage() {
        return """
                usage: cutover redrive --config FILE [--max N]

                Moves up to N dead letters (default 1000) from replay.dead-letter-queue-url back to
                queue.url, each with a fresh receive count, and prints the counts as JSON:
                {"moved":3,"failed":0,"remaining":0}. Exit status 0 when none failed, 1 otherwise.
                A running Cutover does the same on POST http://127.0.0.1:9090/admin/redrive.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args = new Args(argv);
        String configFile = args.option("--config");
        int max = args.intOption("--max", 1000, 1, 1_000_000);
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        if (configFile == null) {
            throw new UsageException("--config FILE is required (it names the queues)");
        }
        CutoverConfig config = ConfigLoader.load(Path.of(configFile));
        String queueUrl = config.queue()
                .url()
                .map(Object::toString)
                .orElseThrow(() -> new UsageException(
                        "queue.url: missing in " + configFile + " (expected: the retry queue's URL)"));
        String deadLetterUrl = config.replay()
                .deadLetterQueueUrl()
                .orElseThrow(() -> new UsageException("replay.dead-letter-queue-url: missing in " + configFile
                        + " (expected: the dead-letter queue's URL)"));
        try (SqsAsyncClient sqs = SqsClients.create(config.queue())) {
            DeadLetters.Redrive result =
                    new DeadLetters(sqs, deadLetterUrl, queueUrl).redrive(max).join();
            out.println(result.toJson());
            if (result.failed() > 0) {
                err.println("cutover redrive: " + result.failed() + " dead letters could not be moved; see the log");
                return 1;
            }
            return 0;
        }
    }
}
