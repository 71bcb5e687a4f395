package io.cutover.loadtest.load.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TargetProcessTest {

    @Test
    void theBusiestThreadIsTheOneThatGainedMostTicksAgainstTheWallTime() {
        Map<Long, Long> before = Map.of(1L, 100L, 2L, 50L);
        Map<Long, Long> after = Map.of(1L, 150L, 2L, 130L, 3L, 10L);

        // Thread 2 gained 80 ticks (0.8 s) in 1 s; thread 3 started in between and counts from 0.
        assertThat(TargetProcess.busiestPercent(before, after, TimeUnit.SECONDS.toNanos(1)))
                .isEqualTo(80.0);
        assertThat(TargetProcess.busiestPercent(before, after, TimeUnit.SECONDS.toNanos(2)))
                .isEqualTo(40.0);
        // A whole tick over the wall time is the sampling, not a thread on two CPUs at once.
        assertThat(TargetProcess.busiestPercent(Map.of(), Map.of(4L, 101L), TimeUnit.SECONDS.toNanos(1)))
                .isEqualTo(100.0);
        assertThat(TargetProcess.busiestPercent(Map.of(), Map.of(), TimeUnit.SECONDS.toNanos(1)))
                .isZero();
    }

    @Test
    void readsTheCpuTimeOfEachThreadOfAProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        Map<Long, Long> before = TargetProcess.threadTicks(pid);
        assertThat(before).isNotEmpty().containsKey(pid);

        // A thread that stays on a CPU for 300 ms of its own time, whatever else the machine runs,
        // and is still alive when the second reading is taken (a thread that ended is in neither).
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong spun = new AtomicLong();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            long id = Thread.currentThread().getId();
            while (threads.getThreadCpuTime(id) < TimeUnit.MILLISECONDS.toNanos(300)) {
                spun.incrementAndGet();
            }
            busy.countDown();
            try {
                read.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        spinner.start();
        assertThat(busy.await(60, TimeUnit.SECONDS)).isTrue();
        Map<Long, Long> after = TargetProcess.threadTicks(pid);
        read.countDown();
        spinner.join();

        assertThat(spun.get()).isPositive();
        long most = after.entrySet().stream()
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                .max()
                .orElse(0);
        // 300 ms are 30 ticks; the kernel charges whole ticks, so allow a few either way.
        assertThat(most).isGreaterThanOrEqualTo(25);
    }

    @Test
    void readsUserAndKernelTimeFromAStatLineWhoseCommandHoldsSpacesAndParentheses() {
        String stat = "4242 (nginx: worker (x)) S 1 4242 4242 0 -1 4194624 1262 0 0 0 123 45 0 0 20 0 1 0 6917215";

        assertThat(TargetProcess.parseStat(stat)).isEqualTo(new TargetProcess.CpuTicks(123, 45));
        assertThat(TargetProcess.parseStat(stat).total()).isEqualTo(168);
    }

    @Test
    void chargesSpinningToUserSpaceAndSystemCallsToTheKernel() throws Exception {
        // Each thread reads its own stat file, so the reading is of that thread alone.
        // Reading a thread's CPU clock is a system call itself: each check comes after a long
        // stretch of arithmetic.
        AtomicLong sink = new AtomicLong();
        TargetProcess.CpuTicks spinning = onAThreadOfItsOwn(() -> {
            long x = sink.get();
            for (int i = 0; i < 10_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink.set(x);
        });
        // Reading /dev/zero into a direct buffer: the kernel clears the megabyte, and nothing in
        // user space touches it. Writing single bytes to /dev/null was the first version of this
        // thread; the kernel does next to nothing there, and the JNI call around each byte charged
        // as much to user space as the system call charged to the kernel (16 user ticks against
        // 14 on one machine).
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        TargetProcess.CpuTicks reading = onAThreadOfItsOwn(() -> {
            try (FileChannel zero = FileChannel.open(Path.of("/dev/zero"), StandardOpenOption.READ)) {
                for (int i = 0; i < 16; i++) {
                    buffer.clear();
                    zero.read(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // 300 ms are 30 ticks; the kernel charges whole ticks, so allow a few either way.
        assertThat(spinning.total()).isGreaterThanOrEqualTo(25);
        assertThat(spinning.system()).isLessThan(spinning.user());
        assertThat(reading.total()).isGreaterThanOrEqualTo(25);
        assertThat(reading.system()).isGreaterThan(reading.user());
    }

    /** The CPU time a new thread charged while it repeated {@code work} for 300 ms of its own CPU time. */
    private static TargetProcess.CpuTicks onAThreadOfItsOwn(Runnable work) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path self = Path.of("/proc/thread-self/stat");
        AtomicReference<TargetProcess.CpuTicks> used = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            long id = Thread.currentThread().getId();
            TargetProcess.CpuTicks before = TargetProcess.cpuTicks(self);
            while (threads.getThreadCpuTime(id) < TimeUnit.MILLISECONDS.toNanos(300)) {
                work.run();
            }
            used.set(TargetProcess.cpuTicks(self).minus(before));
        });
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(used.get()).isNotNull();
        return used.get();
    }

    @Test
    void aProcessThatIsGoneHasNoThreads() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertThat(TargetProcess.threadTicks(done.pid())).isEqualTo(Collections.emptyMap());
    }
}
