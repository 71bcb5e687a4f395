package io.cutover.mapping.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of a store: look-ups answer at once whatever the store does. The store here
 * is the interface's own test double, answering when the test says so, because what is under
 * test is the waiting (or not); the DynamoDB store itself runs against DynamoDB Local in {@link
 * DynamoDbDirectoryStoreTest}.
 */
class CachedDirectoryTest {

    private final ExecutorService loader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        loader.shutdownNow();
    }

    /** A store whose single-key answers complete only when the test completes them. */
    private static final class HeldStore implements DirectoryStore {
        final Map<String, CompletableFuture<Optional<String>>> publishers = new ConcurrentHashMap<>();
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public CompletableFuture<FileDirectory> preload() {
            return CompletableFuture.completedFuture(FileDirectory.sample());
        }

        @Override
        public CompletableFuture<Optional<Merchant>> merchant(String legacyMerchantId) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<Optional<String>> publisher(String legacyAffiliateId) {
            asked.incrementAndGet();
            return publishers.computeIfAbsent(legacyAffiliateId, id -> new CompletableFuture<>());
        }

        @Override
        public String describe() {
            return "held";
        }
    }

    @Test
    void answersFromThePreloadWithoutAskingTheStore() {
        HeldStore store = new HeldStore();
        CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                .join();

        assertThat(directory.publisher("873588")).hasValue("402911");
        assertThat(directory.merchant("41388")).isPresent();
        assertThat(store.asked).hasValue(0);
        assertThat(directory.loadsStarted()).isZero();
    }

    @Test
    void aMissAnswersEmptyAtOnceWhileTheStoreHasNotAnswered() {
        HeldStore store = new HeldStore();
        CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                .join();

        assertThat(directory.publisher("5000001")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.asked.get() == 1);
        assertThat(directory.publisher("5000001")).as("still loading").isEmpty();
        assertThat(store.asked).as("one load per key").hasValue(1);

        store.publishers.get("5000001").complete(Optional.of("6000001"));
        assertThat(directory.publisher("5000001")).hasValue("6000001");
    }

    @Test
    void aFailedLoadIsTriedAgainByALaterLookUp() {
        HeldStore store = new HeldStore();
        CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                .join();

        assertThat(directory.publisher("5000002")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.publishers.containsKey("5000002"));
        store.publishers.remove("5000002").completeExceptionally(new IllegalStateException("store down"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            directory.publisher("5000002");
            assertThat(store.asked.get()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void countsLoadsAcrossTheDirectoriesThatShareTheCounts() {
        HeldStore store = new HeldStore();
        DirectoryLoadCounts counts = new DirectoryLoadCounts();
        CachedDirectory first = CachedDirectory.preload(store, DirectoryCache.defaults(), loader, counts)
                .join();
        first.publisher("5000010");
        CachedDirectory second = CachedDirectory.preload(store, DirectoryCache.defaults(), loader, counts)
                .join();
        second.publisher("5000011");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.publishers.containsKey("5000011"));
        store.publishers.get("5000011").completeExceptionally(new IllegalStateException("store down"));

        assertThat(counts.started()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.failed() == 1);
        assertThat(second.loadsStarted()).isEqualTo(1);
    }

    @Test
    void pastTheLimitOfLoadsInFlightAMissIsNotLoaded() {
        HeldStore store = new HeldStore();
        CachedDirectory directory = CachedDirectory.preload(
                        store, new DirectoryCache(1000, Duration.ofMinutes(5), 2), loader)
                .join();

        for (int i = 0; i < 10; i++) {
            assertThat(directory.publisher(Integer.toString(7_000_000 + i))).isEmpty();
        }

        assertThat(directory.loadsStarted()).isEqualTo(2);
        assertThat(directory.loadsSkipped()).isEqualTo(8);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.asked.get() == 2);
    }

    @Test
    void idsThatAreNotNormalisedAreNeverLoaded() {
        HeldStore store = new HeldStore();
        CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                .join();

        for (String id : List.of("", "abc", "0873588", "1234567890123456789")) {
            assertThat(directory.publisher(id)).isEmpty();
        }
        assertThat(directory.publisher(null)).isEmpty();
        assertThat(directory.loadsStarted()).isZero();
    }

    @Test
    void aStoppedLoaderLeavesLookUpsAnsweringEmpty() {
        HeldStore store = new HeldStore();
        CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                .join();
        loader.shutdownNow();

        assertThat(directory.publisher("5000003")).isEmpty();
        assertThat(directory.publisher("873588")).hasValue("402911");
    }
}
