package io.cutover.proxy.server;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.GuardListener;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.failover.guard.RetryPolicy;
import io.cutover.failover.queue.DurableRetryQueue;
import io.cutover.failover.queue.QueueObserver;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.queue.RetryQueue;
import io.cutover.failover.queue.Spool;
import io.cutover.failover.queue.SpoolOptions;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingTable;
import io.cutover.proxy.EventIds;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.config.Deadlines;
import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.config.ServerSettings;
import io.cutover.proxy.config.TlsSettings;
import io.cutover.proxy.config.TransportKind;
import io.cutover.proxy.flow.ClientRateLimit;
import io.cutover.proxy.flow.ClientResponses;
import io.cutover.proxy.flow.Exchange;
import io.cutover.proxy.flow.FlowObserver;
import io.cutover.proxy.flow.RedirectGuard;
import io.cutover.proxy.flow.RejectReason;
import io.cutover.proxy.flow.TrackingFlow;
import io.cutover.proxy.origin.Origins;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production client pipeline ({@link ClientChannelInitializer}) on an {@link EmbeddedChannel},
 * with a real flow behind it: the built-in mapping table, the sample directory, a primary that can
 * never be reached from the embedded event loop (every attempt fails before anything is sent) and
 * no legacy, so every good tracking request gets Cutover's own answer through the real durable
 * path (a spool, fsync'd). What the flow saw is recorded, and so is every exception that reaches
 * the end of the pipeline.
 */
final class EdgePipeline implements AutoCloseable {

    static final ServerSettings SERVER =
            new ServerSettings("127.0.0.1", 0, 1, TransportKind.NIO, 2048, 4096, 1024, Duration.ofSeconds(30), false);

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static DurableRetryQueue queue;
    private static Translator translator;

    final EmbeddedChannel channel;
    /** {@code rejected:<tag>}, {@code tracked:<fate>}, {@code passed:<status>}, in order. */
    final List<String> flowSaw = new CopyOnWriteArrayList<>();
    /** Exceptions that reached the receiver or the pipeline's end. */
    final List<Throwable> exceptions = new CopyOnWriteArrayList<>();

    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private final StringBuilder written = new StringBuilder();
    /**
     * Durable completions waiting for the thread that owns the channel. An embedded event loop
     * says every thread is its own, so a completion on the spool's thread would run the response
     * write there, in parallel with the test thread's reads; a socket channel's loop would take
     * it as a task instead. Handing it over keeps the channel on one thread, as production does.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> handedOver =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    EdgePipeline() {
        this(EdgeSettings.defaults(), ClientRateLimit.NONE, false);
    }

    /** @param frozen whether the channel's time stands still from the start (tests drive it) */
    EdgePipeline(EdgeSettings edge, ClientRateLimit rateLimit, boolean frozen) {
        channel = new EmbeddedChannel();
        if (frozen) {
            channel.freezeTime();
        }
        Origins origins = new Origins(
                channel.eventLoop(),
                Transport.select(TransportKind.NIO),
                new BackendSettings(
                        "primary",
                        URI.create("http://127.0.0.1:9"),
                        "127.0.0.1:9",
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        4,
                        Duration.ofSeconds(5),
                        64 * 1024),
                Optional.empty(),
                headers -> null,
                headers -> null,
                System::nanoTime,
                0,
                name -> new BackendGuard(name, GuardSettings.defaults(), Clock.systemUTC(), GuardListener.NONE),
                name -> RetryPolicy.none(),
                TlsSettings.none());
        TrackingFlow flow = new TrackingFlow(
                translator(),
                origins,
                EventIds.system(),
                new Deadlines(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                "https://fallback.example/",
                new ClientResponses(Optional::of),
                observer(),
                onOwnerThread(queue()),
                Duration.ZERO,
                Clock.systemUTC(),
                System::nanoTime,
                new RedirectGuard(translator(), "https://fallback.example/", null),
                rateLimit);
        channel.pipeline()
                .addLast(new ClientChannelInitializer(SERVER, edge, null, EdgeObserver.NONE, flow, System::nanoTime));
        channel.pipeline().addBefore(ClientChannelInitializer.RECEIVER, "exceptions", recorder());
        channel.pipeline().addLast("tail", recorder());
    }

    private ChannelInboundHandlerAdapter recorder() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                exceptions.add(cause);
                ctx.fireExceptionCaught(cause);
            }
        };
    }

    private FlowObserver observer() {
        return new FlowObserver() {
            @Override
            public void received(LinkKind kind, String eventId) {
                pending.incrementAndGet();
            }

            @Override
            public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {
                flowSaw.add("tracked:" + fate.name().toLowerCase());
                pending.decrementAndGet();
            }

            @Override
            public void rejected(
                    LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {
                flowSaw.add("rejected:" + reason.tag());
                pending.decrementAndGet();
            }

            @Override
            public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {
                flowSaw.add("passed:" + status);
            }
        };
    }

    private static synchronized java.util.function.Supplier<Translator> translator() {
        if (translator == null) {
            translator = new Translator(MappingTable.builtIn(), FileDirectory.sample());
        }
        Translator built = translator;
        return () -> built;
    }

    private static synchronized DurableRetryQueue queue() {
        if (queue == null) {
            try {
                Path dir = Files.createTempDirectory("edge-pipeline-spool");
                queue = new DurableRetryQueue(
                        null,
                        Spool.open(new SpoolOptions(dir, 256L << 20, 4L << 20, 256, 80), QueueObserver.NONE),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        QueueObserver.NONE,
                        System::nanoTime);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return queue;
    }

    private RetryQueue onOwnerThread(RetryQueue durable) {
        return new RetryQueue() {
            @Override
            public CompletionStage<Fate> enqueue(QueuedEvent event) {
                CompletableFuture<Fate> handed = new CompletableFuture<>();
                durable.enqueue(event)
                        .whenComplete((fate, error) -> handedOver.add(() -> {
                            if (error != null) {
                                handed.completeExceptionally(error);
                            } else {
                                handed.complete(fate);
                            }
                        }));
                return handed;
            }

            @Override
            public void close() {
                // Shared by every pipeline of the run.
            }
        };
    }

    /** Runs what was handed over to the channel's thread, then the channel's own tasks. */
    private void runTasks() {
        Runnable task;
        while ((task = handedOver.poll()) != null) {
            task.run();
        }
        channel.runPendingTasks();
    }

    /** Sends bytes as one read. */
    EdgePipeline send(String raw) {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    EdgePipeline send(byte[] raw) {
        if (channel.isOpen()) {
            // Not writeInbound: it throws when the connection closes while the read is handled,
            // which Cutover does on purpose after a 400.
            channel.pipeline().fireChannelRead(Unpooled.wrappedBuffer(raw));
            channel.pipeline().fireChannelReadComplete();
            runTasks();
        }
        return this;
    }

    /**
     * Everything written to the client so far, after letting local answers (made durable on the
     * spool's thread) come back to the channel's thread for up to {@code patienceMillis}, until {@code
     * answers} responses are out or the connection is closed.
     */
    String written(int answers, long patienceMillis) {
        long until = System.nanoTime() + patienceMillis * 1_000_000;
        while (true) {
            runTasks();
            drain();
            if (statuses().size() >= answers || !channel.isOpen() || System.nanoTime() > until) {
                return written.toString();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return written.toString();
            }
        }
    }

    /**
     * Everything written once every event the flow received has ended (its local answer back on
     * the event loop), waiting up to {@code patienceMillis}.
     */
    String settled(long patienceMillis) {
        long until = System.nanoTime() + patienceMillis * 1_000_000;
        do {
            runTasks();
            drain();
            if (pending.get() == 0) {
                runTasks();
                drain();
                return written.toString();
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < until);
        return written.toString();
    }

    /** Events the flow received that have not ended yet. */
    int pending() {
        return pending.get();
    }

    String written() {
        drain();
        return written.toString();
    }

    private void drain() {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) out;
            written.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
    }

    /** The status codes written, in order. */
    List<Integer> statuses() {
        List<Integer> out = new ArrayList<>();
        Matcher m = STATUS.matcher(written);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Override
    public void close() {
        // The origins' pool never opened a connection (none can open from the embedded loop), and
        // Origins.close() would wait on that loop from itself.
        channel.finishAndReleaseAll();
    }
}
