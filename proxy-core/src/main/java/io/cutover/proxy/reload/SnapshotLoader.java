package io.cutover.proxy.reload;

import io.cutover.mapping.directory.CachedDirectory;
import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.directory.DirectoryCache;
import io.cutover.mapping.directory.DirectoryLoadCounts;
import io.cutover.mapping.directory.DirectoryStore;
import io.cutover.mapping.directory.DynamoDbClients;
import io.cutover.mapping.directory.DynamoDbDirectoryStore;
import io.cutover.mapping.directory.FileDirectoryStore;
import io.cutover.mapping.table.MappingTable;
import io.cutover.proxy.config.CutoverConfig;
import io.cutover.proxy.config.DirectorySettings;
import io.cutover.proxy.config.DirectoryStoreKind;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Builds the parts of a snapshot from the configuration: the mapping table from its files (a
 * folder among them stands for every {@code *.yaml} in it, so a new file is picked up too) and
 * the directory from its store, preloaded whole with Caffeine in front.
 *
 * <p>Loads block their caller: they run at start and on the reload thread, never on an event
 * loop. The directory's single-key loads run on a thread of their own.
 */
public final class SnapshotLoader implements AutoCloseable {

    private final CutoverConfig config;
    private final DirectoryStore store;
    private final DirectoryCache cache;
    private final ExecutorService directoryLoads;
    private final DirectoryLoadCounts loadCounts = new DirectoryLoadCounts();

    private SnapshotLoader(CutoverConfig config, DirectoryStore store) {
        this.config = config;
        this.store = store;
        DirectorySettings settings = config.directory();
        this.cache = new DirectoryCache(settings.cacheSize(), settings.cacheExpiry(), settings.maxLoadsInFlight());
        this.directoryLoads = Executors.newSingleThreadExecutor(new DefaultThreadFactory("cutover-directory", true));
    }

    /** Loads the mapping and the directory the configuration names. */
    public static SnapshotLoader of(CutoverConfig config) {
        DirectorySettings settings = config.directory();
        DirectoryStore store;
        if (settings.store() == DirectoryStoreKind.DYNAMODB) {
            store = new DynamoDbDirectoryStore(
                    DynamoDbClients.async(settings.dynamodbEndpoint(), settings.dynamodbRegion()),
                    settings.dynamodbTable(),
                    settings.scanSegments());
        } else {
            store = config.directoryFile().map(FileDirectoryStore::of).orElseGet(FileDirectoryStore::sample);
        }
        return new SnapshotLoader(config, store);
    }

    /** Loads the configuration's mapping; the directory is the caller's (tests, simulations). */
    public static SnapshotLoader ofMappingOnly(CutoverConfig config) {
        return new SnapshotLoader(config, null);
    }

    /** Whether {@link #directory()} loads anything: false when the caller owns the directory. */
    public boolean loadsDirectory() {
        return store != null;
    }

    /** Compiles the mapping table; throws {@code MappingFileException} listing every problem. */
    public MappingTable table() {
        List<Path> files = mappingFiles();
        return config.mappingFiles().isEmpty() ? MappingTable.builtIn() : MappingTable.load(files);
    }

    /** The mapping files as of now: the configured files, and every {@code *.yaml} of a configured folder. */
    public List<Path> mappingFiles() {
        List<Path> files = new ArrayList<>();
        for (Path path : config.mappingFiles()) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(SnapshotLoader::isMappingFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    files.add(path); // reported by the load as unreadable
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static boolean isMappingFile(Path path) {
        String name = path.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
    }

    /**
     * Preloads the directory whole and waits for it. Throws {@code DirectoryFileException} for a
     * bad file, or the store's own failure (e.g. DynamoDB unreachable).
     */
    public Directory directory() {
        if (store == null) {
            throw new IllegalStateException("this loader does not load the directory");
        }
        try {
            return CachedDirectory.preload(store, cache, directoryLoads, loadCounts)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The file the configuration names as the directory, if any: watched even while refused. */
    public Optional<Path> directoryFile() {
        return store == null || config.directory().store() != DirectoryStoreKind.FILE
                ? Optional.empty()
                : config.directoryFile();
    }

    /** Single-key loads of every directory this loader built. */
    public DirectoryLoadCounts loadCounts() {
        return loadCounts;
    }

    /** The Awin publisher clicks of affiliates missing from the directory are credited to, if any. */
    public Optional<String> unknownAffiliatePublisher() {
        return config.unknownAffiliate().publisher();
    }

    /** What the directory store is, for messages. */
    public String describeStore() {
        return store == null ? "the directory given at start" : store.describe();
    }

    @Override
    public void close() {
        directoryLoads.shutdownNow();
        if (store != null) {
            store.close();
        }
    }
}
