package io.cutover.mapping.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads a directory (a file export: YAML and the affiliates CSV) into the DynamoDB table the
 * {@link DynamoDbDirectoryStore} reads: batches of 25 puts, a few batches in flight, and the
 * items DynamoDB leaves unprocessed (throttling) written again with a growing back-off.
 * Writing is idempotent (a put per identity), so an interrupted import is simply run again.
 */
public final class DirectoryImport {

    /** DynamoDB's limit of items per {@code BatchWriteItem}. */
    static final int BATCH_SIZE = 25;

    private static final int BATCHES_IN_FLIGHT = 8;
    private static final int MAX_ATTEMPTS = 12;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DynamoDbAsyncClient client;
    private final String table;

    public DirectoryImport(DynamoDbAsyncClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * What an import wrote.
     *
     * @param merchants merchant items written
     * @param affiliates affiliate items written
     * @param batches {@code BatchWriteItem} calls, retries included
     * @param retried items DynamoDB left unprocessed at least once and that were written again
     * @param took wall time
     */
    public record Summary(int merchants, int affiliates, long batches, long retried, Duration took) {

        /** One line for the command's output. */
        public String line(String table) {
            return "imported " + merchants + " merchants and " + affiliates + " affiliates into " + table + " in "
                    + took.toMillis() + " ms (" + batches + " batch writes, " + retried
                    + " unprocessed items retried)";
        }
    }

    /**
     * Creates the table (partition key {@code pk}, on-demand capacity) and waits until it is
     * active; a table that already exists is left as it is.
     */
    public CompletableFuture<Void> createTable() {
        CreateTableRequest request = CreateTableRequest.builder()
                .tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(DirectoryItems.KEY)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(DirectoryItems.KEY)
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
        return client.createTable(request)
                .handle((created, failure) -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause != null && !(cause instanceof ResourceInUseException)) {
                        throw new CompletionException(cause);
                    }
                    return null;
                })
                .thenCompose(ignored -> client.waiter()
                        .waitUntilTableExists(b -> b.tableName(table))
                        .thenApply(response -> null));
    }

    /** Writes every merchant and affiliate of the directory. */
    public CompletableFuture<Summary> write(FileDirectory directory) {
        long start = System.nanoTime();
        List<WriteRequest> items = new ArrayList<>(directory.merchantCount() + directory.affiliateCount());
        for (Merchant merchant : directory.merchants()) {
            items.add(put(DirectoryItems.merchantItem(merchant)));
        }
        directory.forEachAffiliate(
                (legacy, publisher) -> items.add(put(DirectoryItems.affiliateItem(legacy, publisher))));
        AtomicLong batches = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        List<List<WriteRequest>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH_SIZE) {
            chunks.add(items.subList(from, Math.min(items.size(), from + BATCH_SIZE)));
        }
        // BATCHES_IN_FLIGHT lanes, each writing its share of the batches one after another.
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < BATCHES_IN_FLIGHT; lane++) {
            CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
            for (int i = lane; i < chunks.size(); i += BATCHES_IN_FLIGHT) {
                List<WriteRequest> chunk = chunks.get(i);
                done = done.thenCompose(ignored -> writeBatch(chunk, 1, batches, retried));
            }
            lanes.add(done);
        }
        return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
                .thenApply(all -> new Summary(
                        directory.merchantCount(),
                        directory.affiliateCount(),
                        batches.get(),
                        retried.get(),
                        Duration.ofNanos(System.nanoTime() - start)));
    }

    private CompletableFuture<Void> writeBatch(
            List<WriteRequest> batch, int attempt, AtomicLong batches, AtomicLong retried) {
        batches.incrementAndGet();
        BatchWriteItemRequest request = BatchWriteItemRequest.builder()
                .requestItems(Map.of(table, batch))
                .build();
        return client.batchWriteItem(request).thenCompose(response -> {
            List<WriteRequest> left = response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(table, List.of())
                    : List.of();
            if (left.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (attempt >= MAX_ATTEMPTS) {
                return CompletableFuture.failedFuture(new IllegalStateException(left.size()
                        + " items still unprocessed after " + MAX_ATTEMPTS
                        + " attempts (the table's write capacity is exhausted; run the import again)"));
            }
            retried.addAndGet(left.size());
            long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << (attempt - 1));
            Executor later = CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> writeBatch(List.copyOf(left), attempt + 1, batches, retried));
        });
    }

    private static WriteRequest put(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build();
    }
}
