package io.cutover.loadtest.load.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    void aProcessThatIsGoneHasNoThreads() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertThat(TargetProcess.threadTicks(done.pid())).isEqualTo(Collections.emptyMap());
    }
}
