package io.cutover.loadtest.load.compare;

import io.cutover.loadtest.load.LoadAction;
import io.cutover.loadtest.load.LoadOptions;
import io.cutover.loadtest.load.RequestCorpus;
import io.cutover.loadtest.load.RequestMix;
import io.cutover.proxy.cli.Args;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** {@code cutover load compare}: the backend directly, nginx and Cutover, side by side in one run. */
public final class CompareAction implements LoadAction {

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "the same load against the backend directly, nginx, two Netty relays and Cutover; req/s, latency,"
                + " CPU, ratios";
    }

    @Override
    public String usage() {
        return """
                usage: cutover load compare [--concurrency 50] [--duration 10s] [--rounds 3] [--warm-up 90s]
                                            [--workers 1] [--mix all] [--new-connection-percent 0]
                                            [--no-open] [--base-port N]
                                            [--jvm-options '-Xmx1g ...'] [--report target/load-reports] [--keep]
                                            [--profile]

                Starts, on 127.0.0.1, an nginx backend that answers every click with a 302 and a
                Set-Cookie and every pixel with a GIF, and in front of it: nginx (upstream
                keep-alive, access log on with buffer=64k); two Netty relays, one copying bytes and
                one relaying through Netty's HTTP/1.1 codec (the floors of Cutover's own stack); and
                Cutover (access log to a file). Each runs in processes of its own, with its files in
                a temporary folder. Sends each the same request mix, closed model with --concurrency
                in flight, one target after the other for --rounds rounds, then (unless --no-open)
                as many rounds of an open model at half the most Cutover reached. Prints the medians
                of req/s, p50/p99/p99.9 (and for the open model the p99 of each round's worst
                second), CPU per request (from /proc/PID/stat of each target's processes) and the
                part of it spent in the kernel (system calls and the network stack; the rest is the
                target's own code), the share of the round its busiest thread was on a CPU (an
                event loop, an nginx worker: how near it came to its bottleneck), the ratios
                Cutover/nginx (CPU per request also split into user space and kernel) and
                Cutover/direct, Cutover's CPU per request above the HTTP relay (its own work), and
                nginx's above the bytes relay (all a proxy on Netty's transport may spend to match
                nginx) as a Markdown table; writes an HTML report and a JSON summary. Each target
                is warmed up first until it answered 200,000 requests or --warm-up passed (a JVM
                needs that much load before its compiler is done), one in ten of them on a
                connection of its own. --new-connection-percent N sends that share of the measured
                requests on a connection of their own (what connecting costs each target; default
                0, keep-alive only). Both proxies keep idle backend connections for 60 s. --workers
                sets nginx's worker processes and the event loops of the relays and of Cutover
                alike (default 1: on a small machine the generator and the backend need the other
                core). --base-port N uses N … N+5 (backend, nginx, Cutover, Cutover's admin, the
                bytes relay, the HTTP relay); by default free ports are found. --profile loads
                async-profiler into Cutover's JVM over the closed rounds (CPU samples, kernel
                frames included), prints the hottest frames and the share of samples through each
                of Cutover's packages, and keeps a flame graph and the collapsed stacks beside the
                report (Cutover's figures in that run include the profiler's cost). Needs nginx
                (sudo apt-get install nginx); installs nothing.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        String mix = args.option("--mix");
        String jvm = args.option("--jvm-options");
        Comparison.Options options = new Comparison.Options(
                args.intOption("--base-port", 0, 0, 65529),
                args.intOption("--workers", 1, 1, 64),
                args.intOption("--concurrency", 50, 1, 10_000),
                LoadOptions.duration(args, "--duration", Duration.ofSeconds(10)),
                args.intOption("--rounds", 3, 1, 20),
                LoadOptions.duration(args, "--warm-up", Duration.ofSeconds(90)),
                mix == null ? RequestCorpus.standard() : RequestMix.parse(mix),
                args.intOption("--new-connection-percent", 0, 0, 100),
                !args.flag("--no-open"),
                jvm == null || jvm.isBlank()
                        ? List.of()
                        : Arrays.asList(jvm.trim().split("\\s+")),
                LoadOptions.reportDir(args),
                args.flag("--keep"),
                args.flag("--profile"));
        LoadOptions.noneLeft(args);
        if (Comparison.nginx() == null) {
            err.println(
                    "cutover load compare: nginx is not installed; on Debian or Ubuntu: sudo apt-get install nginx");
            return 1;
        }
        new Comparison(options, out, err).run();
        return 0;
    }
}
