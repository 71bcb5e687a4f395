package io.cutover.proxy.replay;

import io.cutover.failover.BackendFailure;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.replay.DeadLetters;
import io.cutover.failover.replay.ReplayObserver;
import io.cutover.failover.replay.ReplayRequest;
import io.cutover.failover.replay.Replayer;
import io.cutover.ops.log.AccessLog;
import io.cutover.ops.metrics.ReplayMetrics;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.proxy.config.CutoverConfig;
import io.cutover.proxy.origin.ReplayOrigins;
import io.cutover.proxy.server.Transport;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Replay as one running part of Cutover: the SQS client, the replay origins, the replayer and the
 * dead letters, started together from the config and closed in reverse order.
 */
public final class ReplayService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);
    private static final long PROBE_SECONDS = 5;

    private final SqsAsyncClient sqs;
    private final ReplayOrigins origins;
    private final Replayer replayer;
    private final DeadLetters deadLetters;
    private final ReplayMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReplayService(
            SqsAsyncClient sqs,
            ReplayOrigins origins,
            Replayer replayer,
            DeadLetters deadLetters,
            ReplayMetrics metrics) {
        this.sqs = sqs;
        this.origins = origins;
        this.replayer = replayer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Starts replaying, as below, with no other observer. */
    public static ReplayService start(
            CutoverConfig config,
            Transport transport,
            Telemetry telemetry,
            AccessLog accessLog,
            Clock clock,
            LongSupplier ticker,
            BooleanSupplier primaryGate,
            BooleanSupplier legacyGate) {
        return start(config, transport, telemetry, accessLog, clock, ticker, primaryGate, legacyGate, null);
    }

    /**
     * Starts replaying; {@code config.replay().enabled()} must be true (the config then has both
     * queue URLs).
     *
     * @param primaryGate whether the primary may be tried now (its breaker); replay waits while it
     *     is false
     * @param legacyGate the same for legacy
     * @param also told of every message too (the queue's depth watch), or {@code null}
     */
    public static ReplayService start(
            CutoverConfig config,
            Transport transport,
            Telemetry telemetry,
            AccessLog accessLog,
            Clock clock,
            LongSupplier ticker,
            BooleanSupplier primaryGate,
            BooleanSupplier legacyGate,
            ReplayObserver also) {
        if (!config.replay().enabled()) {
            throw new IllegalStateException("replay.enabled: false (expected: true to start the replayer)");
        }
        String queueUrl = config.queue().url().map(Object::toString).orElseThrow();
        String deadLetterUrl = config.replay().deadLetterQueueUrl().orElseThrow();
        SqsAsyncClient sqs = SqsClients.create(config.queue());
        Counts counts = new Counts();
        ReplayOrigins origins = null;
        try {
            probe(sqs, queueUrl, deadLetterUrl);
            origins = new ReplayOrigins(transport, config.primary(), config.legacy(), ticker, config.tls());
            ReplayMetrics metrics = new ReplayMetrics(telemetry.meter());
            Replayer.Builder builder = Replayer.builder(sqs, queueUrl, config.replay(), origins.primary())
                    .primaryGate(primaryGate)
                    .observer(new CountingObserver(
                            ReplayObservers.of(new ReplayRecorder(metrics, accessLog, clock), also), counts))
                    .clock(clock)
                    .ticker(ticker);
            origins.legacy().ifPresent(legacy -> builder.legacy(legacy, legacyGate));
            Replayer replayer = builder.build().start();
            ReplayService service =
                    new ReplayService(sqs, origins, replayer, new DeadLetters(sqs, deadLetterUrl, queueUrl), metrics);
            service.counts = counts;
            return service;
        } catch (RuntimeException e) {
            if (origins != null) {
                origins.close();
            }
            sqs.close();
            throw e;
        }
    }

    /**
     * Asks the retry queue for its depth before anything serves: a wrong URL or missing
     * credentials show in the start-up log at once, and the SDK's one-time set-up is paid here
     * rather than beside the first shopper's request. A queue that is down only delays replay.
     */
    private static void probe(SqsAsyncClient sqs, String queueUrl, String deadLetterUrl) {
        try {
            // A receive from the dead letters, handing back at once whatever it got: the receive
            // path warmed, and no retry-queue message's receive count spent on it.
            sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl)
                            .maxNumberOfMessages(1)
                            .waitTimeSeconds(0)
                            .visibilityTimeout(0))
                    .get(PROBE_SECONDS, TimeUnit.SECONDS);
            String depth = sqs.getQueueAttributes(
                            r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .get(PROBE_SECONDS, TimeUnit.SECONDS)
                    .attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            LOG.info("Retry queue {} holds about {} events to replay", queueUrl, depth);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn(
                    "Retry queue {} not reachable at start ({}); replay begins once it is", queueUrl, cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends up to {@code max} dead letters back to the retry queue; never completes exceptionally. */
    public CompletableFuture<DeadLetters.Redrive> redrive(int max) {
        return deadLetters.redrive(max).thenApply(result -> {
            metrics.redriven(result.moved());
            return result;
        });
    }

    private volatile Counts counts = new Counts();

    /** Events delivered by replay since start. */
    public long replayed() {
        return counts.replayed.sum();
    }

    /** Events sent to the dead letters since start. */
    public long dead() {
        return counts.dead.sum();
    }

    /** Replays that failed (and will be tried again, or go dead) since start. */
    public long failed() {
        return counts.failed.sum();
    }

    /** What the replayer did, counted for the admin state and the dashboard. */
    private static final class Counts {
        final LongAdder replayed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder dead = new LongAdder();
    }

    /** Counts what it passes on. */
    private record CountingObserver(ReplayObserver next, Counts counts) implements ReplayObserver {
        @Override
        public void replayed(QueuedEvent event, ReplayRequest request, int status, int receives, long nanos) {
            counts.replayed.increment();
            next.replayed(event, request, status, receives, nanos);
        }

        @Override
        public void failed(QueuedEvent event, BackendFailure failure, int status, String detail, int receives) {
            counts.failed.increment();
            next.failed(event, failure, status, detail, receives);
        }

        @Override
        public void dead(QueuedEvent event, String eventId, String error) {
            counts.dead.increment();
            next.dead(event, eventId, error);
        }
    }

    /** Replays in flight now. */
    public int inFlight() {
        return replayer.inFlight();
    }

    /** Stops the replayer, then its connections and the SQS client. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            replayer.close();
        } finally {
            origins.close();
            sqs.close();
        }
    }
}
