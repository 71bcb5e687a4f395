package io.cutover.failover.replay;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.queue.QueuedEventCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Drains the retry queue to the platforms: each queued event is sent again, with its original
 * event ID and time, while the primary's gate (its circuit breaker) allows.
 *
 * <ul>
 *   <li><b>Receive</b>: long polling, at most {@code concurrency} deliveries in flight (a receive
 *       asks only for free slots), each message hidden for {@code visibility-timeout}, longer than
 *       a delivery can take.
 *   <li><b>Delivered</b> (a 2xx or 3xx): the fate {@code replayed} is recorded, then the message
 *       is deleted. A delete that fails leaves the message to come back; the replayer then knows
 *       the event and deletes it without sending it again. Another instance might send it again:
 *       the platform drops the duplicate by event ID (delivery at-least-once, counting once).
 *   <li><b>Failed</b>: the message stays, hidden for a backoff that grows with its receive count,
 *       and the poller pauses for a backoff that grows with consecutive failures, so a primary
 *       that is still down is not hammered. While deliveries fail, each receive asks for one
 *       message only: a probe, so that an outage costs the queue one receive per pause, not a
 *       batch's. A 4xx other than 408, 425 or 429 will not get better and goes to the dead
 *       letters at once; so does a message that cannot be read.
 *   <li><b>Waiting</b>: a delivery that never reached the platform (connection refused, nothing
 *       written, breaker open) says nothing about the message. It never counts towards {@code
 *       max-receives}: the event waits, however long the platform is down, until it can be asked.
 *   <li><b>Dead</b>: on the {@code max-receives}-th delivery that reached the platform and failed
 *       (an error status, a reset, no answer in time; counted by this process, whatever SQS's
 *       receive count says after an outage) the replayer itself moves the
 *       message to the dead-letter queue with its last error as an attribute ({@link
 *       DeadLetterAttributes}), then deletes it: SQS's redrive policy would move it without the
 *       error. Keep the queue's {@code maxReceiveCount} well above {@code max-receives}: it is
 *       the only bound on an event whose platform stays unreachable.
 * </ul>
 *
 * <p>One thread polls (it blocks on the receive, never an event loop); deliveries and SQS calls
 * run asynchronously on the transport's and the SDK's threads.
 */
public final class Replayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final int RECENT_CAPACITY = 100_000;
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final Duration MAX_GATE_RECHECK = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final SqsAsyncClient sqs;
    private final String queueUrl;
    private final String deadLetterUrl;
    private final ReplaySettings settings;
    private final Map<QueuedEvent.Target, ReplayDelivery> deliveries;
    private final Map<QueuedEvent.Target, BooleanSupplier> gates;
    private final ReplayObserver observer;
    private final Backoff backoff;
    private final Clock clock;
    private final LongSupplier ticker;
    private final Semaphore slots;
    private final RecentEvents delivered = new RecentEvents(RECENT_CAPACITY);
    private final ReachedFailures reachedFailures = new ReachedFailures(RECENT_CAPACITY);
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicInteger handling = new AtomicInteger();
    private final Object pause = new Object();
    private final Thread poller;
    private volatile boolean running;
    private int receiveFailures;

    private Replayer(Builder b) {
        this.sqs = b.sqs;
        this.queueUrl = b.queueUrl;
        this.settings = b.settings;
        this.deadLetterUrl = b.settings
                .deadLetterQueueUrl()
                .orElseThrow(() -> new IllegalArgumentException(
                        "replay.dead-letter-queue-url: missing (expected: the dead-letter queue's URL)"));
        this.deliveries = new EnumMap<>(b.deliveries);
        this.gates = new EnumMap<>(b.gates);
        this.observer = b.observer;
        this.backoff = new Backoff(
                b.settings.backoffBase(), b.settings.backoffMax(), b.random == null ? Replayer::jitter : b.random);
        this.clock = b.clock;
        this.ticker = b.ticker;
        this.slots = new Semaphore(b.settings.concurrency());
        this.poller = new Thread(this::poll, "cutover-replay");
        poller.setDaemon(true);
    }

    private static double jitter() {
        return ThreadLocalRandom.current().nextDouble();
    }

    /**
     * @param queueUrl the retry queue
     * @param primary the delivery to the primary
     */
    public static Builder builder(
            SqsAsyncClient sqs, String queueUrl, ReplaySettings settings, ReplayDelivery primary) {
        return new Builder(sqs, queueUrl, settings, primary);
    }

    /** Starts polling. */
    public Replayer start() {
        running = true;
        poller.start();
        LOG.info("Replaying {} to {} (dead letters: {})", queueUrl, deliveries.keySet(), deadLetterUrl);
        return this;
    }

    /** Messages being handled now (delivered, deleted or moved). */
    public int inFlight() {
        return handling.get();
    }

    /**
     * Stops receiving and waits a while for deliveries in flight. A message whose delivery is cut
     * short is not deleted; it comes back after its visibility timeout, to this or another
     * instance.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        poller.interrupt();
        try {
            poller.join(CLOSE_WAIT.toMillis());
            if (slots.tryAcquire(settings.concurrency(), CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release(settings.concurrency());
            } else {
                LOG.warn("{} replays still in flight at close; their messages come back later", handling.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        while (running) {
            try {
                if (!gateOpen(QueuedEvent.Target.PRIMARY)) {
                    // Not a failure: the breaker is doing its job. Look again soon.
                    sleep(min(settings.backoffBase(), MAX_GATE_RECHECK));
                    continue;
                }
                int failures = consecutiveFailures.get();
                if (failures > 0) {
                    sleep(backoff.after(failures));
                    if (!running) {
                        break;
                    }
                }
                if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                int asked = 1;
                // While deliveries fail, one message at a time: a probe of the platform.
                while (failures == 0 && asked < settings.batchSize() && slots.tryAcquire()) {
                    asked++;
                }
                List<Message> messages = List.of();
                try {
                    messages = receive(asked);
                } finally {
                    slots.release(asked - messages.size());
                }
                for (Message message : messages) {
                    handling.incrementAndGet();
                    CompletionStage<Void> handled;
                    try {
                        handled = handle(message);
                    } catch (RuntimeException e) {
                        handled = CompletableFuture.failedFuture(e);
                    }
                    handled.whenComplete((ignored, failure) -> {
                        handling.decrementAndGet();
                        slots.release();
                        if (failure != null) {
                            LOG.warn(
                                    "Replay of message {} failed unexpectedly; it comes back later",
                                    message.messageId(),
                                    failure);
                        }
                    });
                }
            } catch (InterruptedException e) {
                if (running) {
                    LOG.debug("Replay poller interrupted while running; continuing");
                }
            }
        }
    }

    private List<Message> receive(int count) throws InterruptedException {
        int waitSeconds = (int) settings.pollWait().toSeconds();
        try {
            ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(count)
                            .waitTimeSeconds(waitSeconds)
                            .visibilityTimeout(
                                    (int) settings.visibilityTimeout().toSeconds())
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                            .messageAttributeNames("All"))
                    .get(waitSeconds + 30L, TimeUnit.SECONDS);
            if (receiveFailures > 0) {
                LOG.info("Retry queue answers again after {} failed receives", receiveFailures);
                receiveFailures = 0;
            }
            return response.messages();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (receiveFailures++ == 0) {
                LOG.warn("Receiving from the retry queue {} failed; backing off: {}", queueUrl, cause.toString());
            }
            sleep(backoff.after(receiveFailures));
            return List.of();
        }
    }

    private CompletionStage<Void> handle(Message message) {
        int receives = receives(message);
        QueuedEvent event;
        try {
            event = QueuedEventCodec.decode(message.body());
        } catch (IllegalArgumentException e) {
            return dead(message, null, attributeEventId(message), "unreadable message: " + e.getMessage(), receives);
        }
        if (delivered.contains(event.eventId())) {
            return delete(message, event);
        }
        if (!inProgress.add(event.eventId())) {
            // A second message of an event being delivered now (a send the retry queue repeated):
            // it comes back after the first is done, and is then deleted unsent.
            return later(message, event, receives);
        }
        return deliver(message, event, receives).whenComplete((done, failure) -> inProgress.remove(event.eventId()));
    }

    private CompletionStage<Void> deliver(Message message, QueuedEvent event, int receives) {
        ReplayRequest request;
        try {
            request = ReplayRequests.of(event);
        } catch (IllegalArgumentException e) {
            return dead(message, event, event.eventId(), "cannot be replayed: " + e.getMessage(), receives);
        }
        ReplayDelivery delivery = deliveries.get(event.target());
        String backend = event.target().name().toLowerCase(Locale.ROOT);
        if (delivery == null) {
            return dead(message, event, event.eventId(), backend + ": not configured", receives);
        }
        if (!gateOpen(event.target())) {
            return failed(
                    message, event, backend + ": unavailable (breaker open)", receives, BackendFailure.BREAKER_OPEN);
        }
        long start = ticker.getAsLong();
        return delivery.deliver(request).thenCompose(attempt -> {
            if (attempt instanceof Attempt.Answered<Void> answered) {
                delivered.add(event.eventId());
                reachedFailures.forget(event.eventId());
                consecutiveFailures.set(0);
                long nanos = ticker.getAsLong() - start;
                tell(() -> observer.replayed(event, request, answered.status(), receives, nanos));
                return delete(message, event);
            }
            Attempt.Failed<Void> failed = (Attempt.Failed<Void>) attempt;
            tell(() -> observer.failed(event, failed.failure(), failed.status(), failed.detail(), receives));
            String error = delivery.name() + ": " + failed.failure().tag()
                    + (failed.status() > 0 ? " " + failed.status() : "") + " (" + failed.detail() + ")";
            if (isPermanent(failed)) {
                return dead(message, event, event.eventId(), error, receives);
            }
            return failed(message, event, error, receives, failed.failure());
        });
    }

    /** A client error the platform will give again however often it is asked. */
    private static boolean isPermanent(Attempt.Failed<Void> failed) {
        int status = failed.status();
        return failed.failure() == BackendFailure.BAD_STATUS
                && status >= 400
                && status < 500
                && status != 408
                && status != 425
                && status != 429;
    }

    /**
     * A delivery that did not succeed: the message comes back later, or goes to the dead letters
     * once its delivery reached the platform and failed {@code max-receives} times. Those are
     * counted here, not read from SQS's receive count, which also holds the receives of an outage:
     * a platform that never got the request ({@link BackendFailure#unreached()}) leaves the
     * message blameless, and after a long outage a single failure must not be its last.
     */
    private CompletionStage<Void> failed(
            Message message, QueuedEvent event, String error, int receives, BackendFailure failure) {
        if (failure != BackendFailure.BREAKER_OPEN) {
            // An open breaker is not the platform failing once more: it does not lengthen the pause.
            consecutiveFailures.incrementAndGet();
        }
        if (!failure.unreached() && reachedFailures.add(event.eventId()) >= settings.maxReceives()) {
            return dead(message, event, event.eventId(), error, receives);
        }
        return later(message, event, receives);
    }

    /** Hides the message for a backoff that grows with its receive count. */
    private CompletionStage<Void> later(Message message, QueuedEvent event, int receives) {
        long seconds = Math.min(
                ReplaySettings.MAX_VISIBILITY.toSeconds(),
                (backoff.after(receives).toMillis() + 999) / 1000);
        return sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl)
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout((int) seconds))
                .handle((ok, failure) -> {
                    if (failure != null) {
                        // It still comes back, after the receive's visibility timeout.
                        LOG.debug("Could not shorten the visibility of {}: {}", event.eventId(), failure.toString());
                    }
                    return null;
                });
    }

    private CompletionStage<Void> dead(Message message, QueuedEvent event, String eventId, String error, int receives) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.put(DeadLetterAttributes.LAST_ERROR, text(truncate(error)));
        attributes.put(
                DeadLetterAttributes.RECEIVES,
                MessageAttributeValue.builder()
                        .dataType("Number")
                        .stringValue(Integer.toString(receives))
                        .build());
        attributes.put(DeadLetterAttributes.DEAD_AT, text(clock.instant().toString()));
        return sqs.sendMessage(r -> {
                    r.queueUrl(deadLetterUrl).messageBody(message.body()).messageAttributes(attributes);
                    if (DeadLetterAttributes.isFifo(deadLetterUrl)) {
                        // The message ID, not the event ID: a second death of the same event
                        // (after a redrive) must not be dropped as a duplicate.
                        String group = eventId == null ? message.messageId() : eventId;
                        r.messageGroupId(group).messageDeduplicationId(message.messageId());
                    }
                })
                .thenCompose(
                        sent -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())))
                .handle((deleted, failure) -> {
                    if (failure != null) {
                        // Not dead yet: it comes back, and the next attempt moves it again. A copy
                        // may already be among the dead letters; a redrive then replays it twice,
                        // and the platform keeps one.
                        LOG.warn("Moving {} to the dead letters failed: {}", eventId, failure.toString());
                        return null;
                    }
                    if (eventId != null) {
                        reachedFailures.forget(eventId);
                    }
                    LOG.warn("Event {} is dead after {} receives: {}", eventId, receives, error);
                    tell(() -> observer.dead(event, eventId, error));
                    return null;
                });
    }

    private CompletionStage<Void> delete(Message message, QueuedEvent event) {
        return sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()))
                .handle((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn(
                                "Deleting replayed event {} failed; it will be deleted when it comes back: {}",
                                event.eventId(),
                                failure.toString());
                    }
                    return null;
                });
    }

    /** An observer's bug must not stop a delete or a move. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Replay observer failed", e);
        }
    }

    private boolean gateOpen(QueuedEvent.Target target) {
        BooleanSupplier gate = gates.get(target);
        return gate == null || gate.getAsBoolean();
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (duration.isZero() || !running) {
            return;
        }
        synchronized (pause) {
            pause.wait(Math.max(1, duration.toMillis()));
        }
    }

    private static int receives(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String attributeEventId(Message message) {
        MessageAttributeValue value = message.messageAttributes().get(DeadLetterAttributes.EVENT_ID);
        return value == null ? null : value.stringValue();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The replayer's collaborators; only the queue, the settings and the primary are required. */
    public static final class Builder {

        private final SqsAsyncClient sqs;
        private final String queueUrl;
        private final ReplaySettings settings;
        private final Map<QueuedEvent.Target, ReplayDelivery> deliveries = new EnumMap<>(QueuedEvent.Target.class);
        private final Map<QueuedEvent.Target, BooleanSupplier> gates = new EnumMap<>(QueuedEvent.Target.class);
        private ReplayObserver observer = ReplayObserver.NONE;
        private java.util.function.DoubleSupplier random;
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;

        private Builder(SqsAsyncClient sqs, String queueUrl, ReplaySettings settings, ReplayDelivery primary) {
            this.sqs = Objects.requireNonNull(sqs, "sqs");
            this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
            this.settings = Objects.requireNonNull(settings, "settings");
            deliveries.put(QueuedEvent.Target.PRIMARY, Objects.requireNonNull(primary, "primary"));
        }

        /**
         * The primary's gate, asked before every receive: false while its breaker is open. Without
         * one, replay is always allowed.
         */
        public Builder primaryGate(BooleanSupplier gate) {
            gates.put(QueuedEvent.Target.PRIMARY, Objects.requireNonNull(gate, "gate"));
            return this;
        }

        /**
         * The legacy backend, for events that could not be translated. Without it such events go
         * to the dead letters (to be redriven once a legacy backend is configured again).
         */
        public Builder legacy(ReplayDelivery legacy, BooleanSupplier gate) {
            deliveries.put(QueuedEvent.Target.LEGACY, Objects.requireNonNull(legacy, "legacy"));
            gates.put(QueuedEvent.Target.LEGACY, Objects.requireNonNull(gate, "gate"));
            return this;
        }

        public Builder observer(ReplayObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** Values in [0, 1) for the backoff's jitter. */
        public Builder random(java.util.function.DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Stamps dead letters. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Measures deliveries, in nanoseconds. */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public Replayer build() {
            return new Replayer(this);
        }
    }
}
