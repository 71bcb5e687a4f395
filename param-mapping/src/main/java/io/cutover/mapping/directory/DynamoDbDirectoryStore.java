package io.cutover.mapping.directory;

import io.cutover.mapping.yaml.ProblemList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The directory in a DynamoDB table (layout in {@link DirectoryItems} and the README), read with
 * the SDK's async client: a preload is a parallel segmented scan, a single key a consistent-read
 * {@code GetItem}. Items that do not decode are left out of the preload and logged with their key;
 * they cannot make a redirect unsafe.
 */
public final class DynamoDbDirectoryStore implements DirectoryStore {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbDirectoryStore.class);

    private final DynamoDbAsyncClient client;
    private final String table;
    private final int segments;

    /**
     * @param client the async client; this store closes it
     * @param segments parallel scan segments (DynamoDB allows up to 1,000,000)
     */
    public DynamoDbDirectoryStore(DynamoDbAsyncClient client, String table, int segments) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        if (segments < 1) {
            throw new IllegalArgumentException("segments: " + segments + " (expected: >= 1)");
        }
        this.segments = segments;
    }

    @Override
    public CompletableFuture<FileDirectory> preload() {
        List<CompletableFuture<Segment>> scans = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            Segment segment = new Segment();
            scans.add(scan(segment, i, null).thenApply(done -> segment));
        }
        return CompletableFuture.allOf(scans.toArray(CompletableFuture[]::new)).thenApply(all -> {
            Map<String, Merchant> merchants = new HashMap<>();
            IdMap.Builder affiliates = new IdMap.Builder();
            int skipped = 0;
            for (CompletableFuture<Segment> scan : scans) {
                Segment segment = scan.join();
                merchants.putAll(segment.merchants);
                for (int i = 0; i < segment.affiliateCount; i++) {
                    affiliates.put(segment.affiliates[2 * i], segment.affiliates[2 * i + 1], 0);
                }
                skipped += segment.skipped;
            }
            if (skipped > 0) {
                log.warn("directory table {}: {} items skipped (see the warnings above)", table, skipped);
            }
            return new FileDirectory(describe(), merchants, affiliates.build());
        });
    }

    private CompletableFuture<Void> scan(Segment segment, int index, Map<String, AttributeValue> startKey) {
        ScanRequest request = ScanRequest.builder()
                .tableName(table)
                .segment(index)
                .totalSegments(segments)
                .projectionExpression(DirectoryItems.PROJECTION)
                .exclusiveStartKey(startKey)
                .build();
        return client.scan(request).thenCompose((ScanResponse page) -> {
            for (Map<String, AttributeValue> item : page.items()) {
                segment.add(item);
            }
            return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? scan(segment, index, page.lastEvaluatedKey())
                    : CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletableFuture<Optional<Merchant>> merchant(String legacyMerchantId) {
        return get(DirectoryItems.merchantKey(legacyMerchantId))
                .thenApply(item -> item.map(found -> decodeMerchant(legacyMerchantId, found)));
    }

    @Override
    public CompletableFuture<Optional<String>> publisher(String legacyAffiliateId) {
        return get(DirectoryItems.affiliateKey(legacyAffiliateId))
                .thenApply(item -> item.map(found -> {
                    try {
                        return DirectoryItems.publisher(found);
                    } catch (IllegalArgumentException e) {
                        log.warn(
                                "directory table {}: item {} skipped: {}",
                                table,
                                found.get(DirectoryItems.KEY).s(),
                                e.getMessage());
                        return null;
                    }
                }));
    }

    private Merchant decodeMerchant(String legacyId, Map<String, AttributeValue> item) {
        try {
            return DirectoryItems.merchant(legacyId, item);
        } catch (IllegalArgumentException e) {
            log.warn(
                    "directory table {}: item {} skipped: {}",
                    table,
                    item.get(DirectoryItems.KEY) == null
                            ? "without pk"
                            : item.get(DirectoryItems.KEY).s(),
                    e.getMessage());
            return null;
        }
    }

    private CompletableFuture<Optional<Map<String, AttributeValue>>> get(Map<String, AttributeValue> key) {
        GetItemRequest request = GetItemRequest.builder()
                .tableName(table)
                .key(key)
                .projectionExpression(DirectoryItems.PROJECTION)
                .consistentRead(true)
                .build();
        return client.getItem(request)
                .thenApply(response -> response.hasItem() && !response.item().isEmpty()
                        ? Optional.of(response.item())
                        : Optional.empty());
    }

    @Override
    public String describe() {
        return "dynamodb table " + table;
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * What one scan segment found, decoded page by page so that 250,000 items never sit in
     * memory as attribute maps. A segment's pages arrive one after another, so it needs no lock.
     */
    private final class Segment {
        final Map<String, Merchant> merchants = new HashMap<>();
        long[] affiliates = new long[2048];
        int affiliateCount;
        int skipped;

        void add(Map<String, AttributeValue> item) {
            try {
                String affiliate = DirectoryItems.legacyId(item, DirectoryItems.AFFILIATE_PREFIX);
                if (affiliate != null) {
                    addAffiliate(Long.parseLong(affiliate), Long.parseLong(DirectoryItems.publisher(item)));
                    return;
                }
                String merchant = DirectoryItems.legacyId(item, DirectoryItems.MERCHANT_PREFIX);
                if (merchant != null) {
                    merchants.put(merchant, DirectoryItems.merchant(merchant, item));
                    return;
                }
                throw new IllegalArgumentException(DirectoryItems.KEY + " (expected: merchant#ID or affiliate#ID)");
            } catch (IllegalArgumentException e) {
                skipped++;
                if (skipped <= ProblemList.LIMIT) {
                    log.warn(
                            "directory table {}: item {} skipped: {}",
                            table,
                            item.get(DirectoryItems.KEY),
                            e.getMessage());
                }
            }
        }

        private void addAffiliate(long legacy, long publisher) {
            if (2 * affiliateCount + 2 > affiliates.length) {
                affiliates = Arrays.copyOf(affiliates, affiliates.length * 2);
            }
            affiliates[2 * affiliateCount] = legacy;
            affiliates[2 * affiliateCount + 1] = publisher;
            affiliateCount++;
        }
    }
}
