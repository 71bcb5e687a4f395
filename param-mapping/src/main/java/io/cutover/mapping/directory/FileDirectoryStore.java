package io.cutover.mapping.directory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The directory in a file (YAML, and the affiliates CSV it may name), or the sample packaged in
 * this jar. A preload reads the file again, so a reload sees its edits; a single key asked for
 * afterwards is answered from the last successful read, since the file has nothing the preload
 * did not see.
 */
public final class FileDirectoryStore implements DirectoryStore {

    private final String description;
    private final Supplier<FileDirectory> reader;
    private volatile FileDirectory last;

    private FileDirectoryStore(String description, Supplier<FileDirectory> reader) {
        this.description = description;
        this.reader = reader;
    }

    /** A directory file, read again at every preload. */
    public static FileDirectoryStore of(Path file) {
        return new FileDirectoryStore("file " + file, () -> FileDirectory.load(file));
    }

    /** The sample directory packaged in this jar ({@link FileDirectory#sample()}). */
    public static FileDirectoryStore sample() {
        return new FileDirectoryStore("the built-in sample directory", FileDirectory::sample);
    }

    /** A directory already in memory (built in code), served as it is. */
    public static FileDirectoryStore fixed(FileDirectory directory) {
        return new FileDirectoryStore(directory.source(), () -> directory);
    }

    @Override
    public CompletableFuture<FileDirectory> preload() {
        try {
            FileDirectory read = reader.get();
            last = read;
            return CompletableFuture.completedFuture(read);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Optional<Merchant>> merchant(String legacyMerchantId) {
        FileDirectory read = last;
        return CompletableFuture.completedFuture(read == null ? Optional.empty() : read.merchant(legacyMerchantId));
    }

    @Override
    public CompletableFuture<Optional<String>> publisher(String legacyAffiliateId) {
        FileDirectory read = last;
        return CompletableFuture.completedFuture(read == null ? Optional.empty() : read.publisher(legacyAffiliateId));
    }

    @Override
    public String describe() {
        return description;
    }
}
