package io.cutover.proxy.origin;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keep-alive connections to one backend, for one event loop. Every method runs on that loop, so
 * there are no locks; the client connection and its origin connection share the loop, so a
 * request never changes threads (zuul's {@code PerServerConnectionPool} does the same).
 *
 * <p>Bounded: at most {@code maxConnections} open (idle, busy or connecting). Idle connections are
 * reused most-recent first, so surplus ones age out through the idle timeout.
 */
final class OriginPool {

    /** What an acquire gives back: a channel, or why there is none. */
    interface Acquired {
        /**
         * @param channel the connection, or {@code null} on failure
         * @param reused whether the connection served an earlier request (a write on it may meet a
         *     close the pool has not seen yet)
         * @param limitReached whether the failure is the connection bound
         * @param cause the connect failure, when there is one
         */
        void done(Channel channel, boolean reused, boolean limitReached, Throwable cause);
    }

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final int maxConnections;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final List<Channel> open = new ArrayList<>();
    private int connecting;
    private boolean closed;

    OriginPool(EventLoop loop, Bootstrap bootstrap, int maxConnections) {
        this.loop = loop;
        this.bootstrap = bootstrap;
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
    void acquire(boolean fresh, Acquired callback) {
        assert loop.inEventLoop();
        if (!fresh) {
            Channel channel;
            while ((channel = idle.pollLast()) != null) {
                if (channel.isActive()) {
                    callback.done(channel, true, false, null);
                    return;
                }
            }
        }
        if (closed || size() >= maxConnections) {
            callback.done(null, false, true, null);
            return;
        }
        connecting++;
        ChannelFuture connect = bootstrap.connect();
        connect.addListener(future -> {
            connecting--;
            if (!future.isSuccess()) {
                callback.done(null, false, false, future.cause());
                return;
            }
            Channel channel = connect.channel();
            open.add(channel);
            channel.closeFuture().addListener(closed -> forget(channel));
            if (this.closed) {
                channel.close();
                callback.done(null, false, true, null);
                return;
            }
            callback.done(channel, false, false, null);
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
