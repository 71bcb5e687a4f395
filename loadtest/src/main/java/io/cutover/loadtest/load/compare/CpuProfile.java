package io.cutover.loadtest.load.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A CPU profile of one of the comparison's JVMs by async-profiler, loaded into it with {@code jcmd}
 * around the rounds it should cover: a flame graph, the stacks in collapsed form, and a summary of
 * them (the frames most often on top of the stack, the kernel's share, and the share of samples
 * passing through each package of Cutover's own code).
 *
 * <p>The samples are of CPU time, taken by the kernel's perf events where allowed (else by a CPU
 * timer), with kernel frames: time in system calls shows, time waiting for work does not.
 */
final class CpuProfile {

    private static final String OWN_CODE = "io/cutover/";
    private static final String KERNEL = "_[k]";
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);
    /** One CPU sample per this many milliseconds of a thread's CPU time: thousands over the closed rounds. */
    static final int INTERVAL_MILLIS = 5;

    private final TargetProcess target;
    private final Path library;
    private boolean kernelFrames;

    private CpuProfile(TargetProcess target, Path library) {
        this.target = target;
        this.library = library;
    }

    /** Copies async-profiler's library for this machine into {@code dir} and starts it in {@code target}. */
    static CpuProfile start(TargetProcess target, Path dir) throws IOException, InterruptedException {
        Path library = library(dir);
        CpuProfile profile = new CpuProfile(target, library);
        try {
            profile.agent("start,event=cpu,interval=" + INTERVAL_MILLIS + "ms");
            profile.kernelFrames = true;
        } catch (IOException noPerfEvents) {
            // Where perf events are closed to this user (a container's seccomp, perf_event_paranoid),
            // a timer on each thread's CPU clock samples the same time, without kernel frames.
            profile.agent("start,event=ctimer,interval=" + INTERVAL_MILLIS + "ms");
        }
        return profile;
    }

    /** Whether the samples are taken by perf events, with kernel frames, rather than by a CPU timer without them. */
    boolean kernelFrames() {
        return kernelFrames;
    }

    /**
     * Stops the profile: a flame graph to {@code flameGraph} (HTML), the stacks to {@code
     * collapsed} (one line per stack, its frames joined by ';', then its sample count).
     */
    void stop(Path flameGraph, Path collapsed) throws IOException, InterruptedException {
        agent("dump,file=" + flameGraph.toAbsolutePath());
        agent("stop,collapsed,file=" + collapsed.toAbsolutePath());
    }

    /**
     * Hands the profiler in the target an action. jcmd splits a command's arguments at commas
     * unless they are quoted, and prints the agent's own return code: anything but 0 is a failure.
     */
    private void agent(String action) throws IOException, InterruptedException {
        String output =
                jcmd(target.process.pid(), target.name, "JVMTI.agent_load", library.toString(), '"' + action + '"');
        if (!output.contains("return code: 0")) {
            throw new IOException("async-profiler in " + target.name + " refused \"" + action + "\": " + output);
        }
    }

    /** async-profiler's library for this machine, from the class path into {@code dir}. */
    static Path library(Path dir) throws IOException {
        String platform = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-arm64";
            default -> null;
        };
        String resource = "/" + platform + "/libasyncProfiler.so";
        try (InputStream in = platform == null ? null : CpuProfile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("--profile: no async-profiler library for " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + " on the class path (expected: Linux on x86-64 or arm64)");
            }
            Path library = dir.resolve("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return library;
        }
    }

    /** Runs a diagnostic command in the JVM of process {@code pid}: its output, or an IOException. */
    static String jcmd(long pid, String name, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        argv.add(Long.toString(pid));
        argv.addAll(List.of(command));
        String what = "jcmd " + String.join(" ", command) + " on " + name;
        // Its output goes to a file, so that a jcmd that hangs cannot block a read: the wait times out.
        Path log = Files.createTempFile("cutover-jcmd", ".txt");
        try {
            Process jcmd = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!jcmd.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new IOException(what + ": no answer within " + JCMD_TIMEOUT);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            // jcmd exits 0 once it reached the JVM, even if the command failed there; that is in its text.
            if (jcmd.exitValue() != 0 || output.contains("Exception") || output.contains("was not loaded")) {
                throw new IOException(what + " failed: " + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** What a profile's samples show; shares are of all samples, in percent. */
    record Summary(long samples, double kernelPercent, List<Share> hottest, List<Share> ownPackages) {

        /** The summary as text under the comparison's tables. */
        String describe(String what) {
            StringBuilder t = new StringBuilder();
            t.append(String.format(
                    Locale.ROOT,
                    "%nCPU profile of %s: %,d samples (one per %d ms of CPU per thread), %.1f %% of them in the kernel.%n%n",
                    what,
                    samples,
                    INTERVAL_MILLIS,
                    kernelPercent));
            table(t, "hottest frames (self)", hottest);
            t.append('\n');
            table(t, "Cutover's own code by package (inclusive)", ownPackages);
            return t.toString();
        }

        private static void table(StringBuilder t, String heading, List<Share> shares) {
            t.append("| ").append(heading).append(" | share of samples |\n|---|---:|\n");
            for (Share share : shares) {
                t.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", share.name(), share.percent()));
            }
        }
    }

    /** A frame or package and the share of samples it had, in percent. */
    record Share(String name, double percent) {}

    /** The stacks of a collapsed profile: the {@code top} hottest frames and Cutover's packages. */
    static Summary summarize(List<String> collapsed, int top) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        long samples = 0;
        long kernel = 0;
        for (String line : collapsed) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).strip());
            String[] frames = line.substring(0, space).split(";");
            samples += count;
            String leaf = frames[frames.length - 1];
            if (leaf.endsWith(KERNEL)) {
                kernel += count;
            }
            self.merge(readable(leaf), count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                if (frame.startsWith(OWN_CODE) && seen.add(packageOf(frame))) {
                    packages.merge(packageOf(frame), count, Long::sum);
                }
            }
        }
        return new Summary(
                samples,
                samples == 0 ? 0 : kernel * 100.0 / samples,
                shares(self, samples, top),
                shares(packages, samples, top));
    }

    static Summary summarize(Path collapsed, int top) throws IOException {
        return summarize(Files.readAllLines(collapsed, StandardCharsets.UTF_8), top);
    }

    private static List<Share> shares(Map<String, Long> counts, long samples, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .map(e -> new Share(e.getKey(), samples == 0 ? 0 : e.getValue() * 100.0 / samples))
                .toList();
    }

    /** A Java frame with dots for slashes ({@code io.cutover.mapping.Translation.run}); others as they are. */
    private static String readable(String frame) {
        return frame.contains("/") && !frame.endsWith(KERNEL) ? frame.replace('/', '.') : frame;
    }

    /**
     * The package of a Java frame ({@code io/cutover/mapping/Translation.run} is in {@code
     * io.cutover.mapping}). Nested classes, and a lambda's hidden class ({@code
     * Outer$$Lambda.0x…}, whose suffix may hold dots), count for the package of their outermost
     * class.
     */
    static String packageOf(String frame) {
        int nested = frame.indexOf('$');
        String outer = nested < 0 ? frame : frame.substring(0, nested);
        int slash = outer.lastIndexOf('/');
        return slash < 0 ? "" : outer.substring(0, slash).replace('/', '.');
    }
}
