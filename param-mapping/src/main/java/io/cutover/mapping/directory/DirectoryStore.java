package io.cutover.mapping.directory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the directory lives: a file (the embedded default) or a DynamoDB table (production).
 * {@link CachedDirectory} preloads a store whole and asks it for single keys the preload did not
 * have, so every method answers with a future and none may block its caller.
 */
public interface DirectoryStore extends AutoCloseable {

    /**
     * Reads the whole directory into memory. Fails with {@link DirectoryFileException} (every
     * problem with its {@code file:line}) when the store holds something that cannot serve.
     */
    CompletableFuture<FileDirectory> preload();

    /** One merchant, asked for after a preload missed it; empty when the store has none. */
    CompletableFuture<Optional<Merchant>> merchant(String legacyMerchantId);

    /** One affiliate's Awin publisher ID, asked for after a preload missed it. */
    CompletableFuture<Optional<String>> publisher(String legacyAffiliateId);

    /** What the store is, for logs and the reload answer: {@code file config/directory.yaml}. */
    String describe();

    /** Releases the store's clients; the default holds none. */
    @Override
    default void close() {}
}
