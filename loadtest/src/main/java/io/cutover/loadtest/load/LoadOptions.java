package io.cutover.loadtest.load;

import io.cutover.proxy.cli.Args;
import io.cutover.proxy.cli.UsageException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The options every load action shares, read from the command line into a {@link LoadPlan}:
 *
 * <pre>
 * --rate N | --concurrency N      open model at N/s (default 1000/s) or closed model with N in flight
 * --duration 10s                  sending time
 * --max-requests N                the count bound (default rate × duration, or 10,000,000 closed)
 * --mix all                       the corpus, an endpoint, or names (e.g. r.cfm,sale.cfm=2)
 * --connections 64                connections at most (open model)
 * --new-connection-percent 0      share of requests on a connection of their own
 * --timeout 5s  --slot 1s  --seed 1  --host www.shareasale.com
 * </pre>
 */
public final class LoadOptions {

    /** The usage lines of the shared options, for actions' usage texts. */
    public static final String USAGE = """
              --rate N | --concurrency N   open model at N requests/s (default 1000), or closed
                                           model with N requests in flight
              --duration 10s               how long to send (at most 1h)
              --max-requests N             stop after N requests (default: rate × duration)
              --mix all                    the corpus (all), an endpoint (r.cfm, u.cfm, m-pr.cfm,
                                           sale.cfm, other) or corpus names, e.g. r.cfm,sale.cfm=2
              --connections 64             connections at most (open model)
              --new-connection-percent 0   requests sent on a connection of their own (0-100)
              --timeout 5s                 per request, from when it was due
              --slot 1s                    the report's time slots
              --seed 1                     the mix's draw
              --host www.shareasale.com    the Host header""";

    private LoadOptions() {}

    /** Reads the shared options (removing them from {@code args}) into a plan against {@code target}. */
    public static LoadPlan plan(Args args, InetSocketAddress target) {
        int rate = args.intOption("--rate", 0, 1, 1_000_000);
        int concurrency = args.intOption("--concurrency", 0, 1, 100_000);
        if (rate > 0 && concurrency > 0) {
            throw new UsageException("--rate and --concurrency: one or the other");
        }
        LoadModel model =
                concurrency > 0 ? new LoadModel.Closed(concurrency) : new LoadModel.Open(rate > 0 ? rate : 1000);
        Duration duration = duration(args, "--duration", Duration.ofSeconds(10));
        long defaultMax = model instanceof LoadModel.Open open
                ? Math.max(1, (long) Math.ceil(open.ratePerSecond() * (duration.toNanos() / 1e9)))
                : 10_000_000L;
        String max = args.option("--max-requests");
        long maxRequests;
        try {
            maxRequests = max == null ? defaultMax : Long.parseLong(max);
        } catch (NumberFormatException e) {
            throw new UsageException("--max-requests: " + max + " (expected: an integer from 1 to 1000000000)");
        }
        String mix = args.option("--mix");
        int connections = args.intOption("--connections", concurrency > 0 ? concurrency : 64, 1, 60_000);
        int fresh = args.intOption("--new-connection-percent", 0, 0, 100);
        Duration timeout = duration(args, "--timeout", Duration.ofSeconds(5));
        Duration slot = duration(args, "--slot", Duration.ofSeconds(1));
        int seed = args.intOption("--seed", 1, 0, Integer.MAX_VALUE);
        String host = args.option("--host");
        return new LoadPlan(
                target,
                host == null ? "www.shareasale.com" : host,
                model,
                duration,
                maxRequests,
                mix == null ? RequestCorpus.standard() : RequestMix.parse(mix),
                new ConnectionMix(connections, fresh),
                timeout,
                slot,
                seed);
    }

    /** {@code --name 250ms|10s|2m|1h}, or the default. */
    public static Duration duration(Args args, String name, Duration defaultValue) {
        String value = args.option(name);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null) {
            throw new UsageException(name + ": " + value + " (expected: a duration such as 250ms, 10s, 2m)");
        }
        return parsed;
    }

    static Duration parseDuration(String text) {
        int unit = 0;
        while (unit < text.length() && Character.isDigit(text.charAt(unit))) {
            unit++;
        }
        if (unit == 0 || unit > 9) {
            return null;
        }
        long amount = Long.parseLong(text.substring(0, unit));
        return switch (text.substring(unit)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> null;
        };
    }

    /** {@code host:port} on loopback, e.g. {@code 127.0.0.1:8080}. */
    public static InetSocketAddress target(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 1) {
            throw new UsageException("--target: " + text + " (expected: HOST:PORT on loopback, e.g. 127.0.0.1:8080)");
        }
        try {
            InetAddress address = InetAddress.getByName(text.substring(0, colon));
            int port = Integer.parseInt(text.substring(colon + 1));
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new UsageException("--target: " + text + " (expected: HOST:PORT on loopback, e.g. 127.0.0.1:8080)");
        }
    }

    /** {@code --report DIR}, default {@code target/load-reports}. */
    public static Path reportDir(Args args) {
        String dir = args.option("--report");
        return Path.of(dir == null ? "target/load-reports" : dir);
    }

    /** Fails on anything left over. */
    public static void noneLeft(Args args) {
        List<String> rest = args.positional();
        if (!rest.isEmpty()) {
            throw new UsageException("unexpected argument " + rest.get(0));
        }
    }
}
