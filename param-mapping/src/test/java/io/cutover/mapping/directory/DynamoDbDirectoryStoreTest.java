package io.cutover.mapping.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.cookie.Phase;
import io.cutover.mapping.testing.DynamoDbLocal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB store against DynamoDB Local, through the real async client: the import writes a
 * table, a preload scans it whole in parallel segments, a key added afterwards is loaded on its
 * own without blocking the look-up, and a change is visible after a new preload (a reload).
 */
class DynamoDbDirectoryStoreTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private static DynamoDbLocal dynamo;
    private static DynamoDbAsyncClient client;
    private static ExecutorService loader;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        dynamo = DynamoDbLocal.start();
        client = dynamo.client();
        loader = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        loader.shutdownNow();
        client.close();
        dynamo.close();
    }

    /** A new table holding the sample directory plus {@code extraAffiliates} generated ones. */
    private static String importedTable(int extraAffiliates) {
        String table = "directory-" + TABLES.incrementAndGet();
        Map<String, String> affiliates = new java.util.HashMap<>(Map.of("873588", "402911", "3574798", "1068842"));
        for (int i = 0; i < extraAffiliates; i++) {
            affiliates.put(Integer.toString(5_000_000 + i), Integer.toString(7_000_000 + i));
        }
        FileDirectory export = FileDirectory.of(FileDirectory.sample().merchants(), affiliates);
        DirectoryImport importer = new DirectoryImport(client, table);
        importer.createTable().join();
        DirectoryImport.Summary summary = importer.write(export).join();
        assertThat(summary.merchants()).isEqualTo(2);
        assertThat(summary.affiliates()).isEqualTo(2 + extraAffiliates);
        assertThat(summary.batches()).isGreaterThanOrEqualTo((2 + 2 + extraAffiliates + 24) / 25);
        return table;
    }

    private static DynamoDbDirectoryStore store(String table) {
        return new DynamoDbDirectoryStore(dynamo.client(), table, 4);
    }

    @Test
    void preloadScansTheWholeTableInSegments() {
        String table = importedTable(3_000);
        try (DynamoDbDirectoryStore store = store(table)) {
            FileDirectory preloaded = store.preload().join();

            assertThat(preloaded.merchantCount()).isEqualTo(2);
            assertThat(preloaded.affiliateCount()).isEqualTo(3_002);
            assertThat(preloaded.merchant("41388"))
                    .hasValue(new Merchant("41388", "15532", "https://www.example.com/", List.of("example.com")));
            assertThat(preloaded.publisher("873588")).hasValue("402911");
            assertThat(preloaded.publisher("5002999")).hasValue("7002999");
            assertThat(preloaded.publisher("5003000")).isEmpty();
        }
    }

    @Test
    void aKeyMissingFromThePreloadIsLoadedAsynchronously() {
        String table = importedTable(0);
        try (DynamoDbDirectoryStore store = store(table)) {
            CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                    .join();
            putAffiliate(table, "6000001", "8000001");

            // The first look-up starts the load and answers at once: this click goes unmapped.
            assertThat(directory.publisher("6000001")).isEmpty();
            assertThat(directory.loadsStarted()).isEqualTo(1);
            // A later click finds it, loaded by the store's own thread.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(directory.publisher("6000001")).hasValue("8000001"));
            assertThat(directory.loadsStarted()).isEqualTo(1);
            assertThat(directory.preloaded().publisher("6000001")).isEmpty();
        }
    }

    @Test
    void aKeyTheStoreDoesNotHaveStaysUnmappedAndIsNotAskedForAgain() {
        String table = importedTable(0);
        try (DynamoDbDirectoryStore store = store(table)) {
            CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                    .join();

            assertThat(directory.publisher("6100001")).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> loaderIdle(directory));
            for (int i = 0; i < 100; i++) {
                assertThat(directory.publisher("6100001")).isEmpty();
            }
            assertThat(directory.loadsStarted()).isEqualTo(1);
        }
    }

    private static boolean loaderIdle(CachedDirectory directory) throws Exception {
        return loader.submit(() -> true).get();
    }

    @Test
    void aMissIsLoadedOnceAndThenServedFromTheCache() {
        String table = importedTable(0);
        try (DynamoDbDirectoryStore store = store(table)) {
            CachedDirectory directory = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                    .join();
            putMerchant(table, "77777", "30003", "https://www.example.com/sale", "example.com");

            assertThat(directory.merchant("77777")).isEmpty();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(directory.merchant("77777"))
                            .hasValue(new Merchant(
                                    "77777", "30003", "https://www.example.com/sale", List.of("example.com"))));
            long loads = directory.loadsStarted();
            for (int i = 0; i < 100; i++) {
                assertThat(directory.merchant("77777")).isPresent();
            }
            assertThat(directory.loadsStarted()).isEqualTo(loads);
        }
    }

    @Test
    void aChangeIsVisibleAfterAReload() {
        String table = importedTable(0);
        try (DynamoDbDirectoryStore store = store(table)) {
            CachedDirectory before = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                    .join();
            assertThat(before.publisher("873588")).hasValue("402911");

            putAffiliate(table, "873588", "999001");
            CachedDirectory after = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                    .join();

            assertThat(after.publisher("873588")).hasValue("999001");
            assertThat(before.publisher("873588")).hasValue("402911");
        }
    }

    @Test
    void aMerchantsPhaseIsReadFromItsItemAndAReloadChangesIt() {
        String table = importedTable(0);
        Merchant dual = new Merchant("41388", "15532", "https://www.example.com/", List.of("example.com"), Phase.DUAL);
        client.putItem(b -> b.tableName(table).item(DirectoryItems.merchantItem(dual)))
                .join();
        try (DynamoDbDirectoryStore store = store(table)) {
            CachedDirectory before = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                    .join();
            assertThat(before.merchant("41388"))
                    .hasValueSatisfying(m -> assertThat(m.phase()).isEqualTo(Phase.DUAL));
            assertThat(before.merchant("24570"))
                    .hasValueSatisfying(m -> assertThat(m.phase()).isNull());

            client.putItem(b -> b.tableName(table)
                            .item(DirectoryItems.merchantItem(new Merchant(
                                    "41388",
                                    "15532",
                                    "https://www.example.com/",
                                    List.of("example.com"),
                                    Phase.PRIMARY_ONLY))))
                    .join();
            CachedDirectory after = CachedDirectory.preload(store, DirectoryCache.defaults(), loader)
                    .join();

            assertThat(after.merchant("41388"))
                    .hasValueSatisfying(m -> assertThat(m.phase()).isEqualTo(Phase.PRIMARY_ONLY));
        }
    }

    @Test
    void aMerchantWithoutAnAwinIdKeepsItsDomains() {
        String table = importedTable(0);
        putMerchant(table, "50505", null, "https://www.legacy-only.example/", "legacy-only.example");
        try (DynamoDbDirectoryStore store = store(table)) {
            Merchant merchant = store.preload().join().merchant("50505").orElseThrow();

            assertThat(merchant.onPrimary()).isFalse();
            assertThat(merchant.allowedDomains()).containsExactly("legacy-only.example");
            assertThat(store.merchant("50505").join()).hasValue(merchant);
        }
    }

    @Test
    void anItemThatDoesNotDecodeIsLeftOutOfThePreload() {
        String table = importedTable(0);
        putMerchant(table, "66666", "20002", "https://evil.example/", "example.net");
        client.putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "pk", AttributeValue.fromS("affiliate#123"), "publisher", AttributeValue.fromS("x"))))
                .join();
        try (DynamoDbDirectoryStore store = store(table)) {
            FileDirectory preloaded = store.preload().join();

            assertThat(preloaded.merchant("66666")).isEmpty();
            assertThat(preloaded.publisher("123")).isEmpty();
            assertThat(preloaded.merchantCount()).isEqualTo(2);
            assertThat(store.merchant("66666").join()).isEmpty();
        }
    }

    private static void putAffiliate(String table, String legacy, String publisher) {
        client.putItem(b -> b.tableName(table)
                        .item(DirectoryItems.affiliateItem(Long.parseLong(legacy), Long.parseLong(publisher))))
                .join();
    }

    private static void putMerchant(String table, String legacy, String advertiser, String landing, String domain) {
        client.putItem(b -> b.tableName(table)
                        .item(DirectoryItems.merchantItem(new Merchant(legacy, advertiser, landing, List.of(domain)))))
                .join();
    }
}
