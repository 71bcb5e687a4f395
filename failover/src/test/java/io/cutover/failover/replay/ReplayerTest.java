package io.cutover.failover.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.queue.QueuedEventCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The replayer against a real SQS (ElasticMQ): what it deletes, what it keeps, what it moves to
 * the dead letters and with which error. The deliveries here are scripted; the end-to-end suites
 * in loadtest replay through the real origin client to the simulated platforms.
 */
class ReplayerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LocalSqs sqs;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> replayed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> dead = new ConcurrentLinkedQueue<>();
    private Replayer replayer;

    @BeforeEach
    void start(TestInfo test) {
        sqs = new LocalSqs(20, test.getTags().contains("fifo"));
    }

    @AfterEach
    void close() {
        if (replayer != null) {
            replayer.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    private static ReplaySettings settings(int maxReceives) {
        return new ReplaySettings(
                true,
                Duration.ofSeconds(1),
                10,
                4,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                maxReceives,
                Duration.ofSeconds(10),
                Optional.of("set below"));
    }

    private static QueuedEvent click(String id) {
        return new QueuedEvent(
                id,
                "r.cfm",
                QueuedEvent.Kind.CLICK,
                QueuedEvent.Target.PRIMARY,
                "/cread.php?awinmid=1001&awinaffid=2002",
                Map.of("User-Agent", "UA"),
                1_000L,
                "primary:connect");
    }

    private ReplayDelivery delivery(Function<ReplayRequest, Attempt<Void>> script) {
        return new ReplayDelivery() {
            @Override
            public String name() {
                return "primary";
            }

            @Override
            public CompletionStage<Attempt<Void>> deliver(ReplayRequest request) {
                seen.add(request.eventId());
                return CompletableFuture.supplyAsync(() -> script.apply(request));
            }
        };
    }

    private Replayer.Builder builder(int maxReceives, ReplayDelivery delivery) {
        ReplaySettings base = settings(maxReceives);
        ReplaySettings settings = new ReplaySettings(
                base.enabled(),
                base.pollWait(),
                base.batchSize(),
                base.concurrency(),
                base.backoffBase(),
                base.backoffMax(),
                base.maxReceives(),
                base.visibilityTimeout(),
                Optional.of(sqs.deadLetterUrl));
        return Replayer.builder(sqs.client, sqs.queueUrl, settings, delivery).observer(new ReplayObserver() {
            @Override
            public void replayed(QueuedEvent event, ReplayRequest request, int status, int receives, long nanos) {
                replayed.add(event.eventId());
            }

            @Override
            public void failed(QueuedEvent event, BackendFailure failure, int status, String detail, int receives) {}

            @Override
            public void dead(QueuedEvent event, String eventId, String error) {
                dead.add(String.valueOf(eventId));
            }
        });
    }

    @Test
    void deliversEveryQueuedEventOnceAndEmptiesTheQueue() {
        for (int i = 0; i < 25; i++) {
            sqs.send(QueuedEventCodec.encode(click("e" + i)));
        }
        replayer = builder(5, delivery(r -> new Attempt.Answered<>(null, 302, 1)))
                .build()
                .start();

        await().atMost(PATIENCE).until(() -> replayed.size() == 25 && sqs.depth(sqs.queueUrl) == 0);
        assertThat(replayed).doesNotHaveDuplicates();
        assertThat(seen).hasSize(25);
        assertThat(dead).isEmpty();
    }

    @Test
    void waitsWhileTheGateIsShutAndDeliversOnceItOpens() throws InterruptedException {
        sqs.send(QueuedEventCodec.encode(click("gated")));
        AtomicBoolean open = new AtomicBoolean(false);
        replayer = builder(5, delivery(r -> new Attempt.Answered<>(null, 200, 1)))
                .primaryGate(open::get)
                .build()
                .start();

        Thread.sleep(1500);
        assertThat(seen).isEmpty();
        assertThat(sqs.depth(sqs.queueUrl)).isEqualTo(1);

        open.set(true);
        await().atMost(PATIENCE).until(() -> replayed.contains("gated"));
    }

    @Test
    void movesAMessageThatKeepsFailingToTheDeadLettersWithItsLastError() {
        sqs.send(QueuedEventCodec.encode(click("doomed")));
        AtomicInteger tries = new AtomicInteger();
        replayer = builder(
                        3,
                        delivery(r -> new Attempt.Failed<>(
                                BackendFailure.BAD_STATUS, 503, "status 503, try " + tries.incrementAndGet(), 1)))
                .build()
                .start();

        await().atMost(PATIENCE).until(() -> dead.contains("doomed"));
        assertThat(tries).hasValue(3);
        List<Message> letters = sqs.peek(sqs.deadLetterUrl);
        assertThat(letters).hasSize(1);
        assertThat(QueuedEventCodec.decode(letters.get(0).body())).isEqualTo(click("doomed"));
        assertThat(letters.get(0)
                        .messageAttributes()
                        .get(DeadLetterAttributes.LAST_ERROR)
                        .stringValue())
                .isEqualTo("primary: bad_status 503 (status 503, try 3)");
        assertThat(letters.get(0)
                        .messageAttributes()
                        .get(DeadLetterAttributes.RECEIVES)
                        .stringValue())
                .isEqualTo("3");
        assertThat(sqs.depth(sqs.queueUrl)).isZero();
        assertThat(replayed).isEmpty();
    }

    @Test
    void keepsAnEventWhosePlatformCannotBeReachedHoweverOftenItIsReceived() {
        sqs.send(QueuedEventCodec.encode(click("patient")));
        AtomicBoolean primaryUp = new AtomicBoolean(false);
        AtomicInteger tries = new AtomicInteger();
        replayer = builder(2, delivery(r -> {
                    tries.incrementAndGet();
                    return primaryUp.get()
                            ? new Attempt.Answered<>(null, 302, 1)
                            : new Attempt.Failed<>(BackendFailure.CONNECT, 0, "connection refused", 1);
                }))
                .build()
                .start();

        // Twice max-receives, and still waiting: the platform was never reached.
        await().atMost(PATIENCE).until(() -> tries.get() >= 4);
        assertThat(dead).isEmpty();
        assertThat(sqs.peek(sqs.deadLetterUrl)).isEmpty();

        primaryUp.set(true);
        await().atMost(PATIENCE).until(() -> replayed.contains("patient") && sqs.depth(sqs.queueUrl) == 0);
        assertThat(dead).isEmpty();
    }

    @Test
    void afterAnOutageOnlyTheFailuresThatReachedThePlatformCountTowardsMaxReceives() {
        sqs.send(QueuedEventCodec.encode(click("after-outage")));
        AtomicInteger tries = new AtomicInteger();
        replayer = builder(
                        2,
                        delivery(r -> tries.incrementAndGet() <= 4
                                ? new Attempt.Failed<>(BackendFailure.CONNECT, 0, "connection refused", 1)
                                : new Attempt.Failed<>(BackendFailure.BAD_STATUS, 503, "status 503", 1)))
                .build()
                .start();

        // Four receives of outage, then two 503s: dead on the second 503, not on the first.
        await().atMost(PATIENCE).until(() -> dead.contains("after-outage"));
        assertThat(tries).hasValue(6);
        assertThat(sqs.peek(sqs.deadLetterUrl))
                .singleElement()
                .satisfies(letter -> assertThat(letter.messageAttributes()
                                .get(DeadLetterAttributes.LAST_ERROR)
                                .stringValue())
                        .isEqualTo("primary: bad_status 503 (status 503)"));
    }

    @Test
    void asksForOneMessageAtATimeWhileDeliveriesFail() {
        for (int i = 0; i < 6; i++) {
            sqs.send(QueuedEventCodec.encode(click("probe-" + i)));
        }
        AtomicInteger inFlight = new AtomicInteger();
        List<Integer> othersInFlight = new CopyOnWriteArrayList<>();
        replayer = builder(100, delivery(r -> {
                    othersInFlight.add(inFlight.getAndIncrement());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                    return new Attempt.Failed<>(BackendFailure.BAD_STATUS, 503, "status 503", 1);
                }))
                .build()
                .start();

        await().atMost(PATIENCE).until(() -> othersInFlight.size() >= 14);
        // The first receives, before any delivery had failed, may take several; after that each
        // delivery is alone.
        List<Integer> seenSoFar = List.copyOf(othersInFlight);
        assertThat(seenSoFar.subList(8, seenSoFar.size())).containsOnly(0);
        assertThat(dead).isEmpty();
    }

    @Test
    void deadLettersAPermanentRefusalAndAnUnreadableMessageAtOnce() {
        sqs.send(QueuedEventCodec.encode(click("refused")));
        sqs.send("{\"v\":9}");
        replayer = builder(8, delivery(r -> new Attempt.Failed<>(BackendFailure.BAD_STATUS, 400, "status 400", 1)))
                .build()
                .start();

        await().atMost(PATIENCE).until(() -> dead.size() == 2);
        assertThat(seen).containsExactly("refused");
        assertThat(sqs.peek(sqs.deadLetterUrl))
                .extracting(m -> m.messageAttributes()
                        .get(DeadLetterAttributes.LAST_ERROR)
                        .stringValue())
                .containsExactlyInAnyOrder(
                        "primary: bad_status 400 (status 400)", "unreadable message: v: 9 (expected: 1)");
    }

    @Test
    void redriveSendsDeadLettersBackAndTheyAreThenDelivered() {
        sqs.send(QueuedEventCodec.encode(click("second-chance")));
        AtomicBoolean primaryUp = new AtomicBoolean(false);
        replayer = builder(
                        2,
                        delivery(r -> primaryUp.get()
                                ? new Attempt.Answered<>(null, 302, 1)
                                : new Attempt.Failed<>(BackendFailure.BAD_STATUS, 503, "status 503", 1)))
                .build()
                .start();
        await().atMost(PATIENCE).until(() -> dead.contains("second-chance"));

        primaryUp.set(true);
        DeadLetters.Redrive redrive = new DeadLetters(sqs.client, sqs.deadLetterUrl, sqs.queueUrl)
                .redrive(100)
                .join();

        assertThat(redrive.moved()).isEqualTo(1);
        assertThat(redrive.failed()).isZero();
        await().atMost(PATIENCE).until(() -> replayed.contains("second-chance"));
        assertThat(sqs.depth(sqs.deadLetterUrl)).isZero();
        assertThat(redrive.toJson()).isEqualTo("{\"moved\":1,\"failed\":0,\"remaining\":0}");
    }

    @Test
    @Tag("fifo")
    void deadLettersAndRedrivesOnFifoQueuesToo() {
        sqs.send(QueuedEventCodec.encode(click("fifo-event")));
        AtomicBoolean primaryUp = new AtomicBoolean(false);
        replayer = builder(
                        2,
                        delivery(r -> primaryUp.get()
                                ? new Attempt.Answered<>(null, 302, 1)
                                : new Attempt.Failed<>(BackendFailure.BAD_STATUS, 503, "status 503", 1)))
                .build()
                .start();
        await().atMost(PATIENCE).until(() -> dead.contains("fifo-event"));
        assertThat(sqs.deadLetterUrl).endsWith(".fifo");

        primaryUp.set(true);
        DeadLetters.Redrive redrive = new DeadLetters(sqs.client, sqs.deadLetterUrl, sqs.queueUrl)
                .redrive(10)
                .join();

        assertThat(redrive.moved()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> replayed.contains("fifo-event"));
    }

    @Test
    void deletesWithoutSendingAgainAnEventItAlreadyDelivered() {
        sqs.send(QueuedEventCodec.encode(click("twice")));
        sqs.send(QueuedEventCodec.encode(click("twice")));
        replayer = builder(5, delivery(r -> new Attempt.Answered<>(null, 302, 1)))
                .build()
                .start();

        await().atMost(PATIENCE).until(() -> sqs.depth(sqs.queueUrl) == 0);
        assertThat(replayed).containsExactly("twice");
    }
}
