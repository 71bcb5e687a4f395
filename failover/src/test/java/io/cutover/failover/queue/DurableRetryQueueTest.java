package io.cutover.failover.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.failover.Fate;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** The retry queue against a real SQS-compatible server (ElasticMQ, in-process, on loopback). */
class DurableRetryQueueTest {

    private static SQSRestServer elasticMq;
    private static URI endpoint;

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startElasticMq() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        int port = elasticMq.waitUntilStarted().localAddress().getPort();
        endpoint = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopElasticMq() {
        elasticMq.stopAndWait();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    private SqsAsyncClient client(URI at) {
        SqsAsyncClient client = SqsClients.create("eu-west-1", at, true, Duration.ofSeconds(5));
        closeAfter.add(client);
        return client;
    }

    private String createQueue(SqsAsyncClient client, String name) {
        return client.createQueue(b -> b.queueName(name)).join().queueUrl();
    }

    private Spool spool() {
        return Spool.open(new SpoolOptions(dir, 16 * 1024 * 1024, 1024 * 1024, 64, 80), QueueObserver.NONE);
    }

    private DurableRetryQueue queue(SqsAsyncClient client, String url, Spool spool, Duration ackTimeout) {
        SqsSender sender = new SqsSender(client, url, 10, Duration.ofMillis(2), scheduler, QueueObserver.NONE);
        DurableRetryQueue queue = new DurableRetryQueue(
                sender, spool, ackTimeout, Duration.ofMillis(100), QueueObserver.NONE, System::nanoTime);
        closeAfter.add(0, queue);
        return queue;
    }

    private static List<Message> receiveAll(SqsAsyncClient client, String url, int expected) {
        List<Message> all = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            all.addAll(client.receiveMessage(ReceiveMessageRequest.builder()
                            .queueUrl(url)
                            .maxNumberOfMessages(10)
                            .messageAttributeNames("All")
                            .waitTimeSeconds(1)
                            .build())
                    .join()
                    .messages());
            return all.size() >= expected;
        });
        return all;
    }

    @Test
    void aFlushBringsTheSpoolToSqsWithoutWaitingForTheDrainer() throws Exception {
        try (Spool earlier = spool()) {
            for (int i = 0; i < 12; i++) {
                assertThat(earlier.append(Events.click(i)).get(20, TimeUnit.SECONDS))
                        .isEqualTo(Spool.Append.WRITTEN);
            }
        }
        SqsAsyncClient client = SqsClients.create("eu-west-1", endpoint, true, Duration.ofSeconds(30));
        closeAfter.add(client);
        String url = createQueue(client, "flushed-" + System.nanoTime());
        Spool spool = spool();
        SqsSender sender = new SqsSender(client, url, 10, Duration.ofMillis(2), scheduler, QueueObserver.NONE);
        DurableRetryQueue queue = new DurableRetryQueue(
                sender, spool, Duration.ofSeconds(5), Duration.ofHours(1), QueueObserver.NONE, System::nanoTime);
        closeAfter.add(0, queue);
        assertThat(spool.records()).isEqualTo(12);

        assertThat(queue.flush(Duration.ofSeconds(60))).isEqualTo(12);

        assertThat(spool.records()).isZero();
        assertThat(receiveAll(client, url, 12)).hasSize(12);
    }

    @Test
    void queuesEachEventWithItsIdAsAttribute() throws Exception {
        SqsAsyncClient client = client(endpoint);
        String url = createQueue(client, "queued-" + System.nanoTime());
        DurableRetryQueue queue = queue(client, url, spool(), Duration.ofSeconds(5));
        List<CompletableFuture<Fate>> fates = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            fates.add(queue.enqueue(Events.click(i)).toCompletableFuture());
        }
        for (CompletableFuture<Fate> fate : fates) {
            assertThat(fate.get(20, TimeUnit.SECONDS)).isEqualTo(Fate.QUEUED);
        }
        List<Message> messages = receiveAll(client, url, 25);
        assertThat(messages).hasSize(25);
        Message first = messages.stream()
                .filter(m -> m.messageAttributes()
                        .get(SqsSender.EVENT_ID)
                        .stringValue()
                        .equals(Events.click(3).eventId()))
                .findFirst()
                .orElseThrow();
        assertThat(QueuedEventCodec.decode(first.body())).isEqualTo(Events.click(3));
    }

    @Test
    void spoolsWhenSqsDoesNotAcknowledgeInTime() throws Exception {
        // A listener that accepts connections and never answers: SQS hung.
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SqsAsyncClient client = client(URI.create("http://127.0.0.1:" + hung.getLocalPort()));
            Spool spool = spool();
            DurableRetryQueue queue =
                    queue(client, "http://127.0.0.1:" + hung.getLocalPort() + "/q/hung", spool, Duration.ofMillis(200));
            assertThat(queue.enqueue(Events.click(1)).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(Fate.SPOOLED);
            assertThat(queue.sqsAvailable()).isFalse();
            // Once SQS counts as unavailable, events do not wait for the timeout again.
            long start = System.nanoTime();
            assertThat(queue.enqueue(Events.click(2)).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(Fate.SPOOLED);
            assertThat(spool.records()).isEqualTo(2);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void deduplicatesByEventIdOnAFifoQueue() throws Exception {
        SqsAsyncClient client = client(endpoint);
        String url = client.createQueue(b -> b.queueName("fifo-" + System.nanoTime() + ".fifo")
                        .attributes(java.util.Map.of(
                                software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true")))
                .join()
                .queueUrl();
        DurableRetryQueue queue = queue(client, url, spool(), Duration.ofSeconds(5));

        // The same event twice, as after an acknowledgement that came too late.
        assertThat(queue.enqueue(Events.click(7)).toCompletableFuture().get(20, TimeUnit.SECONDS))
                .isEqualTo(Fate.QUEUED);
        assertThat(queue.enqueue(Events.click(7)).toCompletableFuture().get(20, TimeUnit.SECONDS))
                .isEqualTo(Fate.QUEUED);
        queue.enqueue(Events.click(8)).toCompletableFuture().get(20, TimeUnit.SECONDS);

        List<Message> messages = receiveAll(client, url, 2);
        Thread.sleep(500);
        messages.addAll(client.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(url)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .build())
                .join()
                .messages());
        assertThat(messages)
                .extracting(m -> QueuedEventCodec.decode(m.body()).eventId())
                .containsExactlyInAnyOrder(
                        Events.click(7).eventId(), Events.click(8).eventId());
    }

    @Test
    void overflowsWhenSqsIsDownAndTheSpoolIsFull() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SqsAsyncClient client = client(URI.create("http://127.0.0.1:" + hung.getLocalPort()));
            Spool tiny = Spool.open(
                    new SpoolOptions(dir, Spool.MAX_RECORD_BYTES, Spool.MAX_RECORD_BYTES, 64, 80), QueueObserver.NONE);
            DurableRetryQueue queue =
                    queue(client, "http://127.0.0.1:" + hung.getLocalPort() + "/q/hung", tiny, Duration.ofMillis(100));
            // All at once: they share fsyncs (group commit) and run past the bound.
            List<CompletableFuture<Fate>> fates = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                fates.add(queue.enqueue(Events.click(i)).toCompletableFuture());
            }
            int spooled = 0;
            int overflowed = 0;
            for (CompletableFuture<Fate> fate : fates) {
                Fate f = fate.get(30, TimeUnit.SECONDS);
                if (f == Fate.SPOOLED) {
                    spooled++;
                } else if (f == Fate.OVERFLOW) {
                    overflowed++;
                }
            }
            assertThat(spooled + overflowed).as("every event got a fate").isEqualTo(2_000);
            assertThat(overflowed).as("past the bound: answered, logged whole").isPositive();
            assertThat(tiny.bytes()).isLessThanOrEqualTo(Spool.MAX_RECORD_BYTES);
            assertThat(tiny.records()).as("nothing spooled is dropped").isEqualTo(spooled);
        }
    }

    @Test
    void drainsWhatAnEarlierRunSpooledAndEmptiesTheSpool() throws Exception {
        try (Spool earlier = spool()) {
            for (int i = 0; i < 15; i++) {
                earlier.append(Events.click(i)).get(10, TimeUnit.SECONDS);
            }
        }
        SqsAsyncClient client = client(endpoint);
        String url = createQueue(client, "drained-" + System.nanoTime());
        Spool spool = spool();
        assertThat(spool.records()).isEqualTo(15);
        queue(client, url, spool, Duration.ofSeconds(5));
        List<Message> messages = receiveAll(client, url, 15);
        assertThat(messages)
                .extracting(m -> QueuedEventCodec.decode(m.body()).eventId())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 15)
                        .mapToObj(i -> Events.click(i).eventId())
                        .toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.records() == 0 && spool.bytes() == 0);
        try (var files = java.nio.file.Files.list(dir)) {
            // Only the empty segment kept ready for the next append may remain.
            assertThat(files.toList())
                    .filteredOn(f -> f.toString().endsWith(".spool"))
                    .allSatisfy(f -> assertThat(f).isEmptyFile());
        }
    }
}
