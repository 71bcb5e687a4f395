package io.cutover.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchTest {

    @TempDir
    Path dir;

    private FileWatch watching(Path... files) {
        FileWatch watch = new FileWatch(() -> List.of(files));
        watch.resync();
        return watch;
    }

    @Test
    void reportsAnEditOnceItHasStayedTheSameForOnePoll() throws Exception {
        Path file = Files.writeString(dir.resolve("r-cfm.yaml"), "one\n");
        FileWatch watch = watching(file);
        assertThat(watch.poll()).isFalse();

        Files.writeString(file, "two\n");
        assertThat(watch.poll()).as("changed, not yet settled").isFalse();
        assertThat(watch.poll()).as("settled").isTrue();
        watch.applied();
        assertThat(watch.poll()).isFalse();
    }

    @Test
    void waitsWhileAFileIsStillBeingWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("affiliates.csv"), "1,2\n");
        FileWatch watch = watching(file);

        Files.writeString(file, "1,2\n3,");
        assertThat(watch.poll()).isFalse();
        Files.writeString(file, "1,2\n3,4\n");
        assertThat(watch.poll()).as("still moving").isFalse();
        assertThat(watch.poll()).isTrue();
    }

    @Test
    void noticesAFileReplacedByRenameAsEditorsSave() throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), "merchants: {}\n");
        FileWatch watch = watching(file);

        Path temporary = Files.writeString(dir.resolve(".directory.yaml.swp"), "merchants: { 1: x }\n");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(watch.poll()).isFalse();
        assertThat(watch.poll()).isTrue();
    }

    @Test
    void ignoresATouchThatChangesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("r-cfm.yaml"), "same\n");
        FileWatch watch = watching(file);

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(watch.poll()).isFalse();
        assertThat(watch.poll()).isFalse();
    }

    @Test
    void reportsAFileThatAppearsOrDisappears() throws Exception {
        Path file = dir.resolve("u-cfm.yaml");
        FileWatch watch = watching(file);

        Files.writeString(file, "new\n");
        watch.poll();
        assertThat(watch.poll()).isTrue();
        watch.applied();

        Files.delete(file);
        watch.poll();
        assertThat(watch.poll()).isTrue();
    }

    @Test
    void aFolderGainingAFileIsAChange() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "a\n");
        FileWatch watch = new FileWatch(() -> {
            try (var listing = Files.list(dir)) {
                return listing.sorted().toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        watch.resync();

        Files.writeString(dir.resolve("b.yaml"), "b\n");

        watch.poll();
        assertThat(watch.poll()).isTrue();
    }
}
