package io.cutover.loadtest.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The share of a run one event loop carries: its own schedule, connections, queue and figures, so
 * nothing on the path of a request is shared between threads (the progress counters aside).
 */
final class Lane {

    /** How often requests in flight and in the queue are checked against the timeout. */
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LoadGenerator run;
    final EventLoop loop;
    private final Bootstrap bootstrap;
    private final LoadPlan plan;
    private final FateClassifier classifier;
    private final AnswerListener listener;
    private final RequestEncoder encoder;
    private final SplittableRandom random;
    private final int maxConnections;
    private final int closedShare;
    private final double rateShare;
    private final long timeoutNanos;
    private final long highest;

    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final ArrayDeque<ClientConnection> idle = new ArrayDeque<>();
    private final Set<ClientConnection> live = new HashSet<>();
    private int open;
    private long inFlight;
    private boolean sending = true;
    private long nextDue;

    final CompletableFuture<Void> done = new CompletableFuture<>();
    final SlotRecorder slots;
    final Histogram latency;
    final Histogram serviceTime;
    final Map<String, Histogram> byEndpoint = new HashMap<>();
    final Map<String, long[]> fates = new HashMap<>();
    final long[] failures = new long[Failure.values().length];
    long opened;
    long lastSentNanos;

    Lane(LoadGenerator run, EventLoop loop, Bootstrap bootstrap, int index, int lanes, RequestEncoder encoder) {
        this.run = run;
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.plan = run.plan();
        this.classifier = run.hooks().classifier();
        this.listener = run.hooks().listener();
        this.encoder = encoder;
        this.random = new SplittableRandom(plan.seed() * 31 + index);
        this.timeoutNanos = plan.timeout().toNanos();
        this.highest = timeoutNanos + TimeUnit.SECONDS.toNanos(60);
        if (plan.model() instanceof LoadModel.Closed closed) {
            this.closedShare = closed.concurrency() / lanes + (index < closed.concurrency() % lanes ? 1 : 0);
            this.maxConnections = Math.max(1, closedShare);
            this.rateShare = 0;
        } else {
            this.closedShare = 0;
            this.maxConnections = Math.max(
                    1,
                    plan.connections().maxConnections() / lanes
                            + (index < plan.connections().maxConnections() % lanes ? 1 : 0));
            this.rateShare = 1.0 / lanes;
        }
        long slotNanos = plan.slot().toNanos();
        int maxSlots = (int) ((plan.duration().toNanos() + timeoutNanos) / slotNanos) + 2;
        this.slots = new SlotRecorder(run.startNanos(), slotNanos, maxSlots, highest);
        this.latency = new Histogram(1000, highest, 3);
        this.serviceTime = new Histogram(1000, highest, 3);
        this.nextDue = run.startNanos() + (long) (index * 1e9 * rateShare / Math.max(1, ratePerSecond(0)));
    }

    /** Starts the lane's load; on its event loop. */
    void begin() {
        if (plan.model() instanceof LoadModel.Closed) {
            for (int i = 0; i < closedShare && sending; i++) {
                sendNextClosed();
            }
            if (closedShare == 0) {
                sending = false;
            }
        } else {
            tick();
        }
        loop.schedule(this::sweep, SWEEP_NANOS, TimeUnit.NANOSECONDS);
        checkDone();
    }

    private double ratePerSecond(long elapsedNanos) {
        if (plan.model() instanceof LoadModel.Open open) {
            return open.rateAt(Duration.ofNanos(elapsedNanos)) * rateShare;
        }
        return 0;
    }

    /** The open model's clock: sends every request that is due, then sleeps until the next one is. */
    private void tick() {
        if (!sending) {
            return;
        }
        long now = System.nanoTime();
        long start = run.startNanos();
        long durationNanos = plan.duration().toNanos();
        while (nextDue <= now) {
            if (nextDue - start >= durationNanos) {
                stopSending(StopReason.DURATION);
                return;
            }
            Pending pending = draw(nextDue);
            if (pending == null) {
                return;
            }
            submit(pending);
            nextDue += (long) (1e9 / ratePerSecond(nextDue - start));
        }
        loop.schedule(this::tick, nextDue - now, TimeUnit.NANOSECONDS);
    }

    private void sendNextClosed() {
        long now = System.nanoTime();
        if (now - run.startNanos() >= plan.duration().toNanos()) {
            stopSending(StopReason.DURATION);
            return;
        }
        Pending pending = draw(now);
        if (pending != null) {
            submit(pending);
        }
    }

    /** The next request of the run, due at {@code due}; {@code null} once the count is reached. */
    private Pending draw(long due) {
        long sequence = run.nextSequence();
        if (sequence < 0) {
            stopSending(StopReason.COUNT);
            return null;
        }
        CorpusRequest request = plan.mix().draw(random);
        boolean fresh = plan.connections().newConnectionPercent() > 0
                && random.nextInt(100) < plan.connections().newConnectionPercent();
        String target = encoder.target(request, sequence);
        lastSentNanos = due;
        inFlight++;
        slots.sent(due);
        return new Pending(sequence, request, target, encoder.bytes(request, target, fresh), due, fresh);
    }

    void stopSending(StopReason reason) {
        if (sending) {
            sending = false;
            run.stopped(reason);
            checkDone();
        }
    }

    private void submit(Pending pending) {
        waiting.addLast(pending);
        drain();
    }

    /** Puts waiting requests on free connections, opening new ones up to the lane's share. */
    private void drain() {
        while (!waiting.isEmpty()) {
            Pending next = waiting.peekFirst();
            ClientConnection free = next.fresh ? null : takeIdle();
            if (free != null) {
                waiting.pollFirst();
                free.send(next);
            } else if (open < maxConnections) {
                waiting.pollFirst();
                connect(next);
            } else if (next.fresh) {
                // Every connection is in use or kept alive: make room for the new one.
                ClientConnection spare = takeIdle();
                if (spare != null) {
                    spare.channel.close();
                }
                return;
            } else {
                return;
            }
        }
    }

    private ClientConnection takeIdle() {
        ClientConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (connection.channel.isActive()) {
                return connection;
            }
        }
        return null;
    }

    private void connect(Pending pending) {
        ClientConnection connection = new ClientConnection(this);
        connection.current = pending;
        open++;
        opened++;
        ChannelFuture connecting = bootstrap
                .clone()
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpResponseDecoder(), connection);
                    }
                })
                .connect(plan.target());
        connection.channel = connecting.channel();
        live.add(connection);
        connection.channel.closeFuture().addListener(f -> closed(connection));
        connecting.addListener(f -> {
            Pending first = connection.current;
            if (first == null) {
                return;
            }
            if (f.isSuccess()) {
                connection.send(first);
            } else {
                connection.current = null;
                finish(first, Failure.CONNECT);
            }
        });
    }

    /** A keep-alive connection's answer ended: it takes the next request, or waits for one. */
    void release(ClientConnection connection) {
        idle.addFirst(connection);
        drain();
        checkDone();
    }

    void closed(ClientConnection connection) {
        if (live.remove(connection)) {
            open--;
            drain();
            checkDone();
        }
    }

    /** Records a request's end: answered ({@code failure == null}) or not. */
    void finish(Pending pending, Failure failure) {
        long end = System.nanoTime();
        long latencyNanos = end - pending.dueNanos;
        Answer answer = new Answer(
                pending.sequence,
                pending.request,
                pending.target,
                pending.dueNanos - run.startNanos(),
                latencyNanos,
                failure == null ? pending.status : 0,
                failure == null ? pending.location : null,
                failure == null ? pending.eventId : null,
                failure);
        String fate = classifier.classify(answer);
        long clamped = Math.min(latencyNanos, highest);
        latency.recordValue(clamped);
        if (pending.sentNanos != 0) {
            serviceTime.recordValue(Math.min(end - pending.sentNanos, highest));
        }
        byEndpoint
                .computeIfAbsent(pending.request.endpoint(), e -> new Histogram(1000, highest, 3))
                .recordValue(clamped);
        long[] count = fates.get(fate);
        if (count == null) {
            fates.put(fate, new long[] {1});
        } else {
            count[0]++;
        }
        if (failure != null) {
            failures[failure.ordinal()]++;
        }
        slots.ended(end, latencyNanos, fate);
        run.progress(clamped, failure != null);
        inFlight--;
        listener.answered(answer, fate);
        if (sending && plan.model() instanceof LoadModel.Closed) {
            loop.execute(this::sendNextClosed);
        }
        checkDone();
    }

    /** Times out what waited too long; past the run's hard end, everything left. */
    private void sweep() {
        long now = System.nanoTime();
        boolean hardEnd = now - run.startNanos() > plan.duration().toNanos() + 2 * timeoutNanos;
        Pending head;
        while ((head = waiting.peekFirst()) != null && (hardEnd || now - head.dueNanos > timeoutNanos)) {
            waiting.pollFirst();
            finish(head, Failure.TIMEOUT);
        }
        List<ClientConnection> late = new ArrayList<>();
        for (ClientConnection connection : live) {
            Pending pending = connection.current;
            if (pending != null && (hardEnd || now - pending.dueNanos > timeoutNanos)) {
                late.add(connection);
            }
        }
        late.forEach(ClientConnection::timeOut);
        if (hardEnd && sending) {
            stopSending(StopReason.DURATION);
        }
        if (!done.isDone()) {
            loop.schedule(this::sweep, SWEEP_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops sending now (the run was stopped). */
    void stop() {
        stopSending(StopReason.STOPPED);
    }

    private void checkDone() {
        if (!sending && inFlight == 0 && !done.isDone()) {
            for (ClientConnection connection : List.copyOf(live)) {
                connection.channel.close();
            }
            done.complete(null);
        }
    }
}
