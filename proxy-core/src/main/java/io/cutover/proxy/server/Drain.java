package io.cutover.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Lets the client connections finish what they hold before Cutover stops: every response given
 * while draining says {@code Connection: close} (and the connection closes after it), a
 * connection with no request in flight that stays quiet for {@link #IDLE_GRACE} is closed, and
 * whatever is still open when the bound is over is closed then. The listener is closed by the
 * caller first, so nothing new arrives.
 *
 * <p>An HTTP/2 connection is told at once, with GOAWAY(NO_ERROR): its streams in flight finish,
 * and the client opens no new one on it (RFC 9113 §6.8); each stream counts as a request in
 * flight until answered.
 *
 * <p>Closing a quiet keep-alive connection a moment after its last response, rather than at
 * once, spares a client that is sending its next request the classic HTTP/1.1 race (RFC 9112
 * §9.3.1): that request is answered, with {@code Connection: close}.
 */
public final class Drain {

    /** How long a connection without a request in flight may stay quiet while draining. */
    public static final Duration IDLE_GRACE = Duration.ofSeconds(1);

    private static final long SWEEP_MILLIS = 20;

    /** Where a drain stands. */
    public enum State {
        SERVING,
        DRAINING,
        DRAINED;

        private final String tag = name().toLowerCase(Locale.ROOT);

        public String tag() {
            return tag;
        }
    }

    private final ChannelGroup connections = new DefaultChannelGroup("cutover-clients", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongSupplier ticker;
    private volatile State state = State.SERVING;
    private volatile boolean closing;

    public Drain(LongSupplier ticker) {
        this.ticker = ticker;
    }

    /** A new handler for one client connection, to sit before the keep-alive handler's view of responses. */
    public DrainHandler handler() {
        return new DrainHandler(this);
    }

    public State state() {
        return state;
    }

    public boolean draining() {
        return state != State.SERVING;
    }

    /** Whether responses now say {@code Connection: close}. */
    boolean closingConnections() {
        return closing;
    }

    /** Requests read and not yet answered, over all connections. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Client connections open now. */
    public int connections() {
        return connections.size();
    }

    void opened(Channel channel) {
        connections.add(channel);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished(int requests) {
        inFlight.addAndGet(-requests);
    }

    long now() {
        return ticker.getAsLong();
    }

    /**
     * Marks the drain as started (readiness and the admin state say so). Connections are told to
     * close only from {@link #run}, once the listener is closed: a client told earlier would
     * reconnect into the listener's backlog, and the listener's close would reset it.
     */
    public void begin() {
        if (state == State.SERVING) {
            state = State.DRAINING;
        }
    }

    /**
     * Drains, blocking the caller (never an event loop) until every connection has closed or
     * {@code bound} is over; then closes what is left. Call it once the listener is closed.
     *
     * @return whether every request in flight was answered within the bound
     */
    public boolean run(Duration bound) throws InterruptedException {
        begin();
        closing = true;
        long deadline = ticker.getAsLong() + bound.toNanos();
        long grace = IDLE_GRACE.toNanos();
        while (!connections.isEmpty() && ticker.getAsLong() < deadline) {
            long cutoff = ticker.getAsLong() - grace;
            for (Channel channel : connections) {
                Drainable handler = channel.pipeline().get(Drainable.class);
                if (handler != null) {
                    channel.eventLoop().execute(() -> handler.closeIfQuietSince(channel, cutoff));
                }
            }
            TimeUnit.MILLISECONDS.sleep(SWEEP_MILLIS);
        }
        boolean clean = inFlight.get() == 0;
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        state = State.DRAINED;
        return clean;
    }
}
