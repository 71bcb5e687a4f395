package io.cutover.loadtest.sandbox;

import io.cutover.proxy.cli.Args;
import io.cutover.proxy.cli.Command;
import io.cutover.proxy.cli.Shutdown;
import io.cutover.proxy.cli.StartupBanner;
import io.cutover.proxy.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
                                       [--sqs-port 9324] [--sqs-control-port 9325] [--sqs-store-port N]
                                       [--event-loops N] [--access-log stdout|off|FILE] [--data DIR]
                                       [--mapping DIR] [--tls] [--tls-port 8443]
                                       [--synthetic-interval 10s|off]

                Runs Cutover on 127.0.0.1 between a simulated Awin (primary) and a simulated
                ShareASale (legacy), with the built-in mapping table and the sample directory,
                and ElasticMQ as its SQS retry queue (cutover-retry, dead letters in
                cutover-retry-dead), behind an outage switch on the SQS control port; the
                replayer drains it to the simulated Awin once it answers again.
                The spool and ElasticMQ's messages are kept in DIR (default: the folder
                cutover-sandbox in the system's temporary folder), so a restarted sandbox
                finds what a stopped or killed one left. ElasticMQ itself listens on
                --sqs-store-port (default: the SQS port + 2).
                The admin API's changing calls (POST /admin/*) need the bearer token in
                CUTOVER_ADMIN_TOKEN; without it the sandbox makes one up and prints it.
                Nothing leaves the machine. Ctrl-C drains, then stops everything.

                --mapping DIR serves the mapping files in DIR (every *.yaml) instead of the
                built-in table, and reloads them when they change: copy mappings/, edit a file,
                and the next click uses it. A file with a mistake is refused with file:line and
                the previous table keeps serving.

                --tls also listens with HTTPS (HTTP/2 and HTTP/1.1) on 127.0.0.1:8443 with a
                certificate for *.shareasale.com, shareasale.com and localhost signed by a
                local CA made at start, in DIR/tls; it prints the CA's path for curl's
                --cacert and for a browser. Replace DIR/tls/cert.pem and key.pem and the next
                new connection gets the new certificate. The simulated Awin then serves HTTPS
                (HTTP/2 and HTTP/1.1) too, with the same certificate (*.awin1.com), and Cutover
                reaches it as www.awin1.com trusting that CA.

                --synthetic-interval sends the synthetic click (a click of the sample merchant
                41388, through Cutover to the simulated Awin) this often and checks where it
                lands and that Awin saw its event: cutover_synthetic_up on /metrics.""";
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
                args.intOption("--sqs-port", defaults.sqsPort(), 1, 65535),
                args.intOption("--sqs-control-port", defaults.sqsControlPort(), 0, 65535),
                args.intOption("--sqs-store-port", defaults.sqsStorePort(), 0, 65535),
                dataDir(args.option("--data"), defaults.dataDir()));
        String mapping = args.option("--mapping");
        boolean tls = args.flag("--tls");
        int tlsPort = args.intOption("--tls-port", SandboxTls.DEFAULT_PORT, 0, 65535);
        String synthetic = args.option("--synthetic-interval");
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        Map<String, Object> overrides = new HashMap<>();
        if (mapping != null) {
            Path folder = Path.of(mapping).toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new UsageException("--mapping: " + mapping + " (expected: a folder of mapping files)");
            }
            overrides.put("mapping.files", List.of(folder.toString()));
        }
        if (synthetic == null || !synthetic.equals("off")) {
            overrides.putAll(Sandbox.synthetic(synthetic == null ? "10s" : synthetic));
        }
        SandboxTls https = null;
        if (tls) {
            https = SandboxTls.create(options.dataDir().resolve("tls"), tlsPort);
        }
        Sandbox sandbox = Sandbox.start(options, overrides, https);
        out.println(StartupBanner.describe(sandbox.cutover()));
        if (https != null) {
            out.println("tls: https://127.0.0.1:" + sandbox.cutover().tlsPort() + " (HTTP/2, HTTP/1.1) certificate "
                    + https.certificates().certificate() + ", valid until "
                    + https.certificates().notAfter());
            out.println("tls: trust the CA certificate " + https.caCertificate());
            out.println("tls: chromium --ignore-certificate-errors-spki-list="
                    + https.certificates().spkiSha256());
        }
        out.println("data: " + options.dataDir() + " (the spool and ElasticMQ's messages; kept across restarts)");
        out.println();
        out.println(TryThis.text(sandbox));
        if (https != null) {
            out.println();
            out.println(TryThis.https(sandbox, https));
        }
        out.flush();
        Shutdown.drainThenClose(() -> sandbox.cutover().drain().join(), sandbox);
        return 0;
    }

    private static Path dataDir(String value, Path defaultValue) {
        return value == null ? defaultValue : Path.of(value).toAbsolutePath();
    }

    private static String accessLog(String value, String defaultValue) {
        return value == null ? defaultValue : value;
    }
}
