package io.cutover.proxy.origin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keep-alive connections to one backend, for one event loop. Every method runs on that loop, so
 * there are no locks; the client connection and its origin connection share the loop, so a
 * request never changes threads (zuul's {@code PerServerConnectionPool} does the same).
 *
 * <p>Bounded: at most {@code maxConnections} open (idle, busy or connecting). Idle connections are
 * reused most-recent first, so surplus ones age out through the idle timeout.
 */
final class OriginPool {

    /** What an acquire gives back: a connection, or why there is none. Closed, so callers handle each. */
    sealed interface Acquired permits Ready, LimitReached, ConnectFailed {}

    /**
     * A connection to send on.
     *
     * @param reused whether it served an earlier request (a write on it may meet a close the pool
     *     has not seen yet)
     */
    record Ready(Channel channel, boolean reused) implements Acquired {}

    /** The loop's connection bound is reached, or the pool is closed: nothing was sent. */
    record LimitReached() implements Acquired {
        static final LimitReached INSTANCE = new LimitReached();
    }

    /** A new connection could not be opened (refused, unreachable, timed out). */
    record ConnectFailed(Throwable cause) implements Acquired {}

    private final EventLoop loop;
    private final Supplier<ChannelFuture> connector;
    private final int maxConnections;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final List<Channel> open = new ArrayList<>();
    private int connecting;
    private boolean closed;

    /**
     * @param connector opens a new connection on {@code loop} ({@code bootstrap::connect}); its
     *     channel's pipeline ends with an {@link OriginResponseReceiver}
     */
    OriginPool(EventLoop loop, Supplier<ChannelFuture> connector, int maxConnections) {
        this.loop = loop;
        this.connector = connector;
        this.maxConnections = maxConnections;
    }

    EventLoop loop() {
        return loop;
    }

    /** Connections open or being opened. */
    int size() {
        return open.size() + connecting;
    }

    int idleCount() {
        return idle.size();
    }

    /**
     * Gets a connection: an idle one unless {@code fresh}, else a new one within the bound.
     * Completes on the loop, possibly before returning.
     */
    void acquire(boolean fresh, Consumer<Acquired> callback) {
        assert loop.inEventLoop();
        if (!fresh) {
            Channel channel;
            while ((channel = idle.pollLast()) != null) {
                if (channel.isActive()) {
                    callback.accept(new Ready(channel, true));
                    return;
                }
            }
        }
        if (closed || size() >= maxConnections) {
            callback.accept(LimitReached.INSTANCE);
            return;
        }
        connecting++;
        ChannelFuture connect = connector.get();
        connect.addListener(future -> {
            connecting--;
            if (!future.isSuccess()) {
                callback.accept(new ConnectFailed(future.cause()));
                return;
            }
            Channel channel = connect.channel();
            open.add(channel);
            channel.closeFuture().addListener(closed -> forget(channel));
            if (this.closed) {
                channel.close();
                callback.accept(LimitReached.INSTANCE);
                return;
            }
            callback.accept(new Ready(channel, false));
        });
    }

    /** Returns a connection whose exchange completed cleanly and that the origin keeps open. */
    void release(Channel channel) {
        assert loop.inEventLoop();
        if (closed || !channel.isActive()) {
            channel.close();
            return;
        }
        idle.addLast(channel);
    }

    private void forget(Channel channel) {
        open.remove(channel);
        idle.remove(channel);
    }

    /** Closes every connection; later acquires fail as if the bound were reached. */
    void close() {
        assert loop.inEventLoop();
        closed = true;
        for (Channel channel : List.copyOf(open)) {
            channel.close();
        }
        idle.clear();
    }
}
