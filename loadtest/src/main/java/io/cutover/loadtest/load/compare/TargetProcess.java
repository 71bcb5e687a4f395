package io.cutover.loadtest.load.compare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the comparison started (nginx, or Cutover in a JVM of its own), with the CPU time its
 * process and children have used, read from {@code /proc/PID/stat}, and that of each of their
 * threads, read from {@code /proc/PID/task/TID/stat}.
 */
final class TargetProcess implements AutoCloseable {

    /** Linux's USER_HZ: /proc's CPU times are in these ticks (100 on every mainstream architecture). */
    static final long TICKS_PER_SECOND = 100;

    final String name;
    final Process process;
    final int port;
    private final Path log;

    private TargetProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static TargetProcess start(String name, List<String> command, int port, Path log, Duration startTimeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        TargetProcess target = new TargetProcess(name, process, port, log);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!target.accepts()) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " at start: " + target.tail());
            }
            if (System.nanoTime() > deadline) {
                target.close();
                throw new IOException(name + " did not listen on 127.0.0.1:" + port + " within " + startTimeout + ": "
                        + target.tail());
            }
            Thread.sleep(100);
        }
        return target;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of the process's output, for an error message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /**
     * CPU time in ticks, split as {@code /proc} counts it: in user space (the program's own code)
     * and in the kernel on its behalf (system calls, and the network stack's work done in them).
     */
    record CpuTicks(long user, long system) {

        static final CpuTicks NONE = new CpuTicks(0, 0);

        long total() {
            return user + system;
        }

        CpuTicks plus(CpuTicks other) {
            return new CpuTicks(user + other.user, system + other.system);
        }

        CpuTicks minus(CpuTicks earlier) {
            return new CpuTicks(user - earlier.user, system - earlier.system);
        }
    }

    /** CPU time of the process and its children (nginx's workers) so far. */
    CpuTicks cpuTicks() {
        CpuTicks ticks = CpuTicks.NONE;
        for (long pid : pids()) {
            ticks = ticks.plus(cpuTicks(Path.of("/proc/" + pid + "/stat")));
        }
        return ticks;
    }

    /**
     * CPU time so far of every thread of the process and its children, in ticks, by thread id
     * (unique on the machine while the thread lives). A thread that started and ended between two
     * readings is in neither; a serving thread lives as long as its process.
     */
    Map<Long, Long> threadTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        for (long pid : pids()) {
            ticks.putAll(threadTicks(pid));
        }
        return ticks;
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /** CPU time so far of each thread of process {@code pid}, in ticks, by thread id; empty once it is gone. */
    static Map<Long, Long> threadTicks(long pid) {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                ticks.put(
                        Long.parseLong(task.getFileName().toString()),
                        cpuTicks(task.resolve("stat")).total());
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone: no threads
        }
        return ticks;
    }

    /**
     * The share of {@code wallNanos} that the busiest thread spent on a CPU between two readings of
     * {@link #threadTicks()}, in percent. For nginx that is a worker, for a JVM of the comparison
     * an event loop: how near the target's serving thread came to being the bottleneck.
     */
    static double busiestPercent(Map<Long, Long> before, Map<Long, Long> after, long wallNanos) {
        long most = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            most = Math.max(most, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
        }
        double wallTicks = wallNanos / 1e9 * TICKS_PER_SECOND;
        // Ticks are counted whole: over a short window the busiest thread can read a tick over the wall time.
        return wallTicks <= 0 ? 0 : Math.min(100, most * 100 / wallTicks);
    }

    /**
     * utime and stime of a process or thread, fields 14 and 15 of its {@code stat} file (counted
     * after the command's ')'); none when it is gone.
     */
    static CpuTicks cpuTicks(Path stat) {
        try {
            return parseStat(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return CpuTicks.NONE;
        }
    }

    /** utime and stime from the text of a {@code stat} file; the command may hold spaces and ')'. */
    static CpuTicks parseStat(String text) {
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return new CpuTicks(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }

    /** Resident memory of the process, in KiB (VmRSS of /proc/PID/status). */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // reported as 0
        }
        return 0;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
