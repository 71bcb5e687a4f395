package io.cutover.proxy.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * Notices edits of a set of files by polling, rather than with a {@code WatchService}: editors
 * replace a file by writing a new one and renaming it over the old (a new inode a directory
 * watch on the old one does not report reliably, nor on every file system), and a poll needs no
 * thread per folder.
 *
 * <p>Each poll takes every file's modification time and size; only when those moved is the
 * content hashed, so that a {@code touch} or a save without changes reloads nothing. A change is
 * reported once the files have stayed the same for one more poll: an editor that writes in
 * steps, or a CSV being copied in, is reloaded once, when it is whole. Not thread-safe: one
 * thread polls.
 */
public final class FileWatch {

    /**
     * A file's state; {@code MISSING} while it does not exist (mid-rename, or deleted). Two
     * stamps are equal when the content is: time and size only say when to hash again.
     */
    record Stamp(long modified, long size, long hash) {
        static final Stamp MISSING = new Stamp(-1, -1, -1);

        @Override
        public boolean equals(Object other) {
            return other instanceof Stamp stamp && stamp.hash == hash && stamp.size == size;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hash);
        }
    }

    private final Supplier<List<Path>> files;
    private Map<Path, Stamp> applied;
    private Map<Path, Stamp> candidate;

    /**
     * @param files the files to watch, asked for at every poll (a folder of mapping files may
     *     gain a file; a directory file may name another CSV)
     */
    public FileWatch(Supplier<List<Path>> files) {
        this.files = Objects.requireNonNull(files, "files");
        this.applied = Map.of();
    }

    /** True when the files differ from what was last applied and have not moved since the last poll. */
    public boolean poll() {
        Map<Path, Stamp> now = stamps(candidate != null ? candidate : applied);
        if (now.equals(applied)) {
            candidate = null;
            return false;
        }
        if (now.equals(candidate)) {
            return true;
        }
        candidate = now;
        return false;
    }

    /** Marks the state the last {@link #poll} saw as applied (reloaded, or refused: not retried until edited). */
    public void applied() {
        if (candidate != null) {
            applied = candidate;
            candidate = null;
        }
    }

    /**
     * Takes the current files as applied: at start, once the first snapshot is loaded, and after
     * a reload that another trigger started.
     */
    public void resync() {
        applied = stamps(applied);
        candidate = null;
    }

    private Map<Path, Stamp> stamps(Map<Path, Stamp> previous) {
        Map<Path, Stamp> out = new HashMap<>();
        for (Path file : files.get()) {
            out.put(file, stamp(file, previous.get(file)));
        }
        return out;
    }

    private static Stamp stamp(Path file, Stamp previous) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Stamp.MISSING;
        }
        long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        long size = attributes.size();
        if (previous != null && previous.modified() == modified && previous.size() == size) {
            return previous;
        }
        try {
            return new Stamp(modified, size, hash(file));
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        } catch (IOException e) {
            return new Stamp(modified, size, -2);
        }
    }

    private static long hash(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
