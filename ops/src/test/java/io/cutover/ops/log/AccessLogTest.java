package io.cutover.ops.log;

import static io.cutover.ops.log.AccessLineTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.ops.metrics.Scrape;
import io.cutover.ops.metrics.Telemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {

    @TempDir
    Path dir;

    private Telemetry telemetry;

    @BeforeEach
    void setUp() {
        telemetry = Telemetry.create("cutover");
    }

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void appendsOneLinePerRecordToAFile() throws IOException {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier line\n");

        try (AccessLog log = AccessLog.toFile(file, 100, telemetry.meter())) {
            assertThat(log.offer(record("e1"))).isTrue();
            assertThat(log.offer(record("e2"))).isTrue();
            assertThat(log.offer(record("e3"))).isTrue();
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("earlier line");
        assertThat(lines.subList(1, 4))
                .allSatisfy(line -> assertThat(line).startsWith("{\"ts\":").endsWith("}"));
        assertThat(lines.get(1)).contains("\"event_id\":\"e1\"");
        assertThat(lines.get(3)).contains("\"event_id\":\"e3\"");
    }

    @Test
    void writesNonAsciiAsUtf8() throws IOException {
        Path file = dir.resolve("access.log");
        AccessRecord record = new AccessRecord(
                Instant.EPOCH,
                "é",
                "r.cfm",
                null,
                null,
                "primary",
                302,
                0,
                "-",
                "",
                "/r.cfm?urllink=https://exämple.com/日本");

        try (AccessLog log = AccessLog.toFile(file, 10, telemetry.meter())) {
            log.offer(record);
        }

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .contains("\"event_id\":\"é\"")
                .contains("https://exämple.com/日本");
    }

    @Test
    void writesWhileOpenWithoutWaitingForClose() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AccessLog log = AccessLog.toStream(out, 10, telemetry.meter())) {
            log.offer(record("e1"));

            awaitUntil(() -> log.written() == 1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"event_id\":\"e1\"");
        }
    }

    @Test
    void dropsAndCountsRecordsWhenTheQueueIsFull() throws Exception {
        StalledStream out = new StalledStream();
        AccessLog log = AccessLog.toStream(out, 4, telemetry.meter());
        try {
            log.offer(record("taken-by-writer"));
            assertThat(out.entered.await(5, TimeUnit.SECONDS)).isTrue();

            for (int i = 0; i < 4; i++) {
                assertThat(log.offer(record("queued-" + i))).isTrue();
            }
            assertThat(log.offer(record("dropped-1"))).isFalse();
            assertThat(log.offer(record("dropped-2"))).isFalse();
            assertThat(log.offer(record("dropped-3"))).isFalse();

            assertThat(log.dropped()).isEqualTo(3);
            Scrape scrape = Scrape.of(telemetry);
            assertThat(scrape.value("cutover_accesslog_dropped_total", Map.of("reason", "queue_full")))
                    .contains(3.0);
            assertThat(scrape.value("cutover_accesslog_queued", Map.of())).contains(4.0);
        } finally {
            out.release.countDown();
            log.close();
        }

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written.lines()).hasSize(5);
        assertThat(written).contains("taken-by-writer", "queued-0", "queued-3").doesNotContain("dropped");
        assertThat(log.written()).isEqualTo(5);
    }

    @Test
    void offerNeverBlocksEvenWhileTheWriterIsStuck() throws Exception {
        StalledStream out = new StalledStream();
        AccessLog log = AccessLog.toStream(out, 1_000, MeterProvider.noop().get("test"));
        try {
            log.offer(record("first"));
            assertThat(out.entered.await(5, TimeUnit.SECONDS)).isTrue();

            // Not a timing check: offering from another thread must finish while the writer is
            // still held, which a blocking offer never would.
            Thread offering = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    log.offer(record("r"));
                }
            });
            offering.start();
            offering.join(TimeUnit.SECONDS.toMillis(60));

            assertThat(offering.isAlive()).isFalse();
            assertThat(out.release.getCount()).isEqualTo(1);
            assertThat(log.dropped()).isEqualTo(100_000 - 1_000);
        } finally {
            out.release.countDown();
            log.close();
        }
    }

    @Test
    void closeWritesEverythingQueued() throws IOException {
        Path file = dir.resolve("access.log");
        int count = 5_000;

        AccessLog log = AccessLog.toFile(file, count, telemetry.meter());
        for (int i = 0; i < count; i++) {
            assertThat(log.offer(record("e" + i))).isTrue();
        }
        log.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(count);
        assertThat(lines.get(count - 1)).contains("\"event_id\":\"e" + (count - 1) + "\"");
        assertThat(log.written()).isEqualTo(count);
        assertThat(log.dropped()).isZero();
    }

    @Test
    void refusesAndCountsRecordsOfferedAfterClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog log = AccessLog.toStream(out, 10, MeterProvider.noop().get("test"));
        log.close();
        log.close();

        assertThat(log.offer(record("late"))).isFalse();
        assertThat(log.dropped()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void leavesAStreamItDidNotOpenOpen() {
        CloseTrackingStream out = new CloseTrackingStream();
        AccessLog log = AccessLog.toStream(out, 10, MeterProvider.noop().get("test"));
        log.offer(record("e1"));

        log.close();

        assertThat(out.closed).isFalse();
        assertThat(out.flushed).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"event_id\":\"e1\"");
    }

    @Test
    void countsRecordsLostToAFailedWriteAndKeepsGoing() throws Exception {
        FailingOnceStream out = new FailingOnceStream();
        try (AccessLog log = AccessLog.toStream(out, 10, telemetry.meter())) {
            log.offer(record("lost"));
            awaitUntil(() -> log.dropped() == 1);

            log.offer(record("kept"));
            awaitUntil(() -> log.written() == 1);

            Scrape scrape = Scrape.of(telemetry);
            assertThat(scrape.value("cutover_accesslog_dropped_total", Map.of("reason", "write_failed")))
                    .contains(1.0);
            assertThat(scrape.value("cutover_accesslog_dropped_total", Map.of("reason", "queue_full")))
                    .contains(0.0);
        }
        assertThat(out.kept.toString(StandardCharsets.UTF_8)).contains("kept").doesNotContain("lost");
    }

    @Test
    void runsItsWriterOnADaemonThread() throws Exception {
        StalledStream out = new StalledStream();
        AccessLog log = AccessLog.toStream(out, 10, MeterProvider.noop().get("test"));
        try {
            log.offer(record("e1"));
            assertThat(out.entered.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(out.writerThread.getName()).isEqualTo("cutover-access-log");
            assertThat(out.writerThread.isDaemon()).isTrue();
        } finally {
            out.release.countDown();
            log.close();
        }
    }

    @Test
    void writesWhatALingerPeriodCollectsWithOneWrite() throws Exception {
        CountingStream out = new CountingStream();
        // A linger period longer than the test: only close() (or a full batch) makes the writer run.
        AccessLog log = AccessLog.toStream(
                out, 2_000, TimeUnit.HOURS.toNanos(1), MeterProvider.noop().get("t"));
        // Its first look finds nothing; then it sleeps. Offered before that, records could be
        // caught by as many looks as the two threads happen to interleave.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.writer().getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(log.writer().getState()).isEqualTo(Thread.State.TIMED_WAITING);
        for (int i = 0; i < 500; i++) {
            assertThat(log.offer(record("e" + i))).isTrue();
        }
        log.close();

        assertThat(log.written()).isEqualTo(500);
        // One write for the 500 (two only if the writer's sleep ended early, which the JVM allows).
        assertThat(out.writes).isBetween(1, 2);
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).hasSize(500);
    }

    @Test
    void wakesTheWriterEarlyWhenABatchIsWaiting() throws Exception {
        CountingStream out = new CountingStream();
        try (AccessLog log = AccessLog.toStream(
                out, 4_000, TimeUnit.HOURS.toNanos(1), MeterProvider.noop().get("t"))) {
            for (int i = 0; i < 1024; i++) {
                log.offer(record("e" + i));
            }
            awaitUntil(() -> log.written() == 1024);
        }
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> AccessLog.toStream(
                        new ByteArrayOutputStream(), 0, MeterProvider.noop().get("t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: > 0)");
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }

    /** Blocks the first write until released, to hold the writer while the queue fills. */
    private static final class StalledStream extends ByteArrayOutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Thread writerThread;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (writerThread == null) {
                writerThread = Thread.currentThread();
            }
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.write(b, off, len);
        }
    }

    private static final class FailingOnceStream extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean failed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        // Every write of an output stream ends here (write(byte[]) too).
        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (!failed) {
                failed = true;
                throw new IOException("disk full");
            }
            kept.write(b, off, len);
        }
    }

    private static final class CountingStream extends ByteArrayOutputStream {
        volatile int writes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }
    }

    private static final class CloseTrackingStream extends ByteArrayOutputStream {
        volatile boolean closed;
        volatile boolean flushed;

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
