package io.cutover.failover.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private Spool open(long maxBytes) {
        return Spool.open(new SpoolOptions(dir, maxBytes, Math.min(maxBytes, 1024 * 1024), 64, 80), QueueObserver.NONE);
    }

    @Test
    void keepsEveryAppendedEventAcrossReopen() throws Exception {
        try (Spool spool = open(16 * 1024 * 1024)) {
            List<CompletableFuture<Spool.Append>> appends = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                appends.add(spool.append(Events.click(i)));
            }
            for (CompletableFuture<Spool.Append> append : appends) {
                assertThat(append.get(10, TimeUnit.SECONDS)).isEqualTo(Spool.Append.WRITTEN);
            }
            assertThat(spool.records()).isEqualTo(100);
        }
        try (Spool reopened = open(16 * 1024 * 1024)) {
            assertThat(reopened.records()).isEqualTo(100);
            Path segment = reopened.oldestSegment().orElseThrow();
            List<QueuedEvent> events = reopened.read(segment);
            assertThat(events).hasSize(100);
            assertThat(events.get(0)).isEqualTo(Events.click(0));
            assertThat(events.get(99)).isEqualTo(Events.click(99));
        }
    }

    @Test
    void listsTheEventsOfAStoppedSpoolWithoutOpeningItAndStopsAtATornRecord() throws Exception {
        assertThat(Spool.contents(dir.resolve("missing"))).isEmpty();
        try (Spool spool = open(16 * 1024 * 1024)) {
            for (int i = 0; i < 3; i++) {
                spool.append(Events.click(i)).get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Spool.contents(dir)).containsExactly(Events.click(0), Events.click(1), Events.click(2));

        try (FileChannel file = FileChannel.open(onlySegment(), StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 7);
        }
        assertThat(Spool.contents(dir)).containsExactly(Events.click(0), Events.click(1));
    }

    @Test
    void skipsATornLastRecordAndCountsIt() throws Exception {
        try (Spool spool = open(16 * 1024 * 1024)) {
            for (int i = 0; i < 3; i++) {
                spool.append(Events.click(i)).get(10, TimeUnit.SECONDS);
            }
        }
        Path segment = onlySegment();
        // A crash in the middle of the last write: its tail never reached the disk.
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 7);
        }
        try (Spool reopened = open(16 * 1024 * 1024)) {
            List<QueuedEvent> events = reopened.read(reopened.oldestSegment().orElseThrow());
            assertThat(events).containsExactly(Events.click(0), Events.click(1));
            assertThat(reopened.tornRecords()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void skipsARecordWhoseChecksumDoesNotMatch() throws Exception {
        try (Spool spool = open(16 * 1024 * 1024)) {
            spool.append(Events.click(1)).get(10, TimeUnit.SECONDS);
            spool.append(Events.click(2)).get(10, TimeUnit.SECONDS);
        }
        Path segment = onlySegment();
        byte[] content = Files.readAllBytes(segment);
        content[content.length - 3] ^= 0x20;
        Files.write(segment, content);
        try (Spool reopened = open(16 * 1024 * 1024)) {
            assertThat(reopened.read(segment)).containsExactly(Events.click(1));
        }
    }

    @Test
    void refusesAppendsPastItsBoundWithoutLosingWhatItHolds() throws Exception {
        try (Spool spool = open(Spool.MAX_RECORD_BYTES)) {
            int written = 0;
            Spool.Append last = Spool.Append.WRITTEN;
            while (last == Spool.Append.WRITTEN && written < 10_000) {
                last = spool.append(Events.click(written)).get(10, TimeUnit.SECONDS);
                if (last == Spool.Append.WRITTEN) {
                    written++;
                }
            }
            assertThat(last).isEqualTo(Spool.Append.FULL);
            assertThat(spool.bytes()).isLessThanOrEqualTo(Spool.MAX_RECORD_BYTES);
            assertThat(spool.records()).isEqualTo(written);
            Path segment = spool.oldestSegment().orElseThrow();
            assertThat(spool.read(segment)).hasSize(written);
            spool.delete(segment, written);
            assertThat(spool.bytes()).isZero();
            assertThat(spool.append(Events.click(0)).get(10, TimeUnit.SECONDS)).isEqualTo(Spool.Append.WRITTEN);
        }
    }

    @Test
    void isEmptyAfterItsSegmentsAreDeleted() throws Exception {
        try (Spool spool = open(16 * 1024 * 1024)) {
            spool.append(Events.click(1)).get(10, TimeUnit.SECONDS);
            Path segment = spool.oldestSegment().orElseThrow();
            spool.delete(segment, 1);
            assertThat(spool.oldestSegment()).isEqualTo(Optional.empty());
            assertThat(spool.records()).isZero();
            assertThat(Files.exists(segment)).isFalse();
        }
    }

    @Test
    void refusesAFolderAnotherOpenSpoolUses() {
        try (Spool first = open(16 * 1024 * 1024)) {
            assertThat(first.records()).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(16 * 1024 * 1024))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected: a folder no other running Cutover uses");
        }
        open(16 * 1024 * 1024).close();
    }

    private Path onlySegment() throws Exception {
        try (var files = Files.list(dir)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".spool")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
