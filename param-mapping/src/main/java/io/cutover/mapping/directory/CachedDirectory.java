package io.cutover.mapping.directory;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The directory the translator reads: a whole preload of a {@link DirectoryStore} in memory, and
 * Caffeine in front of the store for keys the preload did not have (an affiliate added to the
 * table since the last refresh).
 *
 * <p>Look-ups run on event loops. A preloaded key is a lock-free read of immutable arrays. A
 * missing key is looked up in the cache (a lock-free read too); when the cache has no answer yet
 * the key's load is started on the loader executor and this look-up answers empty at once, so
 * the click takes the unmapped path and a later click finds the loaded entry. Nothing here
 * waits.
 */
public final class CachedDirectory implements Directory {

    private final FileDirectory preloaded;
    private final DirectoryStore store;
    private final Executor loader;
    private final int maxLoadsInFlight;
    private final AsyncCache<String, Optional<Merchant>> merchants;
    private final AsyncCache<String, Optional<String>> publishers;
    private final AtomicInteger loadsInFlight = new AtomicInteger();
    private final LongAdder loadsStarted = new LongAdder();
    private final LongAdder loadsSkipped = new LongAdder();
    private final DirectoryLoadCounts counts;

    private CachedDirectory(
            FileDirectory preloaded,
            DirectoryStore store,
            DirectoryCache cache,
            Executor loader,
            DirectoryLoadCounts counts) {
        this.preloaded = preloaded;
        this.counts = counts;
        this.store = store;
        this.loader = loader;
        this.maxLoadsInFlight = cache.maxLoadsInFlight();
        this.merchants = Caffeine.newBuilder()
                .maximumSize(cache.maximumSize())
                .expireAfterWrite(cache.expireAfter())
                .executor(loader)
                .buildAsync();
        this.publishers = Caffeine.newBuilder()
                .maximumSize(cache.maximumSize())
                .expireAfterWrite(cache.expireAfter())
                .executor(loader)
                .buildAsync();
    }

    /**
     * Preloads the store whole, then serves it. The future fails as the store's preload does
     * (e.g. {@link DirectoryFileException}); it completes on the store's thread.
     *
     * @param loader where single-key loads start: never an event loop, since a store's client may
     *     do a little blocking work (credentials) before it answers with a future
     */
    public static CompletableFuture<CachedDirectory> preload(
            DirectoryStore store, DirectoryCache cache, Executor loader) {
        return preload(store, cache, loader, new DirectoryLoadCounts());
    }

    /** The same, counting single-key loads in {@code counts} too (shared by successive reloads). */
    public static CompletableFuture<CachedDirectory> preload(
            DirectoryStore store, DirectoryCache cache, Executor loader, DirectoryLoadCounts counts) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(counts, "counts");
        return store.preload().thenApply(snapshot -> new CachedDirectory(snapshot, store, cache, loader, counts));
    }

    @Override
    public Optional<Merchant> merchant(String legacyMerchantId) {
        Optional<Merchant> merchant = preloaded.merchant(legacyMerchantId);
        if (merchant.isPresent()) {
            counts.preloadHits.increment();
            return merchant;
        }
        return cached(merchants, legacyMerchantId, store::merchant);
    }

    @Override
    public Optional<String> publisher(String legacyAffiliateId) {
        Optional<String> publisher = preloaded.publisher(legacyAffiliateId);
        if (publisher.isPresent()) {
            counts.preloadHits.increment();
            return publisher;
        }
        return cached(publishers, legacyAffiliateId, store::publisher);
    }

    private <V> Optional<V> cached(
            AsyncCache<String, Optional<V>> cache, String id, Function<String, CompletableFuture<Optional<V>>> load) {
        if (!FileDirectory.isNormalised(id)) {
            return Optional.empty();
        }
        CompletableFuture<Optional<V>> known = cache.getIfPresent(id);
        if (known == null) {
            known = cache.get(id, (key, executor) -> startLoad(key, load, executor));
        }
        // Still loading, failed or skipped: unmapped for now. The cache drops a failed or skipped
        // load, so a later look-up tries again. Once done, a future's state no longer changes.
        if (!known.isDone() || known.isCompletedExceptionally()) {
            counts.misses.increment();
            return Optional.empty();
        }
        counts.cacheHits.increment();
        return known.join();
    }

    private <V> CompletableFuture<Optional<V>> startLoad(
            String id, Function<String, CompletableFuture<Optional<V>>> load, Executor executor) {
        if (loadsInFlight.incrementAndGet() > maxLoadsInFlight) {
            loadsInFlight.decrementAndGet();
            loadsSkipped.increment();
            counts.skipped.increment();
            return skipped();
        }
        CompletableFuture<CompletableFuture<Optional<V>>> started;
        try {
            started = CompletableFuture.supplyAsync(() -> load.apply(id), executor);
        } catch (RejectedExecutionException e) {
            // The loader has stopped (Cutover is closing, or a tool loaded this directory once):
            // the click goes unmapped as for any miss.
            loadsInFlight.decrementAndGet();
            counts.skipped.increment();
            return skipped();
        }
        loadsStarted.increment();
        counts.started.increment();
        return started.thenCompose(Function.identity()).whenComplete((value, failure) -> {
            loadsInFlight.decrementAndGet();
            if (failure != null) {
                counts.failed.increment();
            }
        });
    }

    private static <V> CompletableFuture<Optional<V>> skipped() {
        // Cancelled rather than failed: the cache drops it without logging a warning.
        CompletableFuture<Optional<V>> skipped = new CompletableFuture<>();
        skipped.cancel(false);
        return skipped;
    }

    /** The preload this directory serves from. */
    public FileDirectory preloaded() {
        return preloaded;
    }

    /** The store behind the cache. */
    public DirectoryStore store() {
        return store;
    }

    /** Single-key loads started since this directory was built. */
    public long loadsStarted() {
        return loadsStarted.sum();
    }

    /** Misses that were not loaded because {@link DirectoryCache#maxLoadsInFlight} were under way. */
    public long loadsSkipped() {
        return loadsSkipped.sum();
    }

    @Override
    public String toString() {
        return "CachedDirectory[" + store.describe() + ": " + preloaded.merchantCount() + " merchants, "
                + preloaded.affiliateCount() + " affiliates preloaded]";
    }
}
