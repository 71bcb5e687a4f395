package io.cutover.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The deadline for receiving a whole request head (request line and headers), against clients
 * that send a head a byte at a time to hold connections open (slowloris): the idle timeout alone
 * never fires while bytes trickle in. The clock starts with a request's first byte, and for a
 * connection's first request when it opens; the head must be parsed within {@code
 * server.request-head-timeout}. A late head is answered {@code 408} and the connection closed; a
 * connection that never sent a byte is closed without a word. Bodies and the wait between
 * keep-alive requests are the idle timeout's business.
 *
 * <p>Two handlers share the state of one connection: {@link #bytes()} in front of the HTTP codec
 * sees the first byte, {@link #heads()} behind it sees the head parsed. A head that arrives in the
 * same read as its first byte (nearly all of them) never schedules a timer.
 */
final class RequestHeadDeadline {

    private enum State {
        /** Between requests: no byte of the next head yet. */
        WAITING,
        /** A head has started and is not parsed yet. */
        HEAD,
        /** The head is parsed; its body (if any) is not finished. */
        BODY
    }

    private static final byte[] TIMEOUT = RawAnswers.bytes(
            408, "Request Timeout", "request head not received in time (server.request-head-timeout)", null);

    private final long timeoutNanos;
    private final LongSupplier ticker;
    private final EdgeObserver observer;
    private State state = State.WAITING;
    private boolean bytesSeen;
    private boolean expired;
    private long deadline;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext bytesContext;

    RequestHeadDeadline(Duration timeout, LongSupplier ticker, EdgeObserver observer) {
        this.timeoutNanos = timeout.toNanos();
        this.ticker = ticker;
        this.observer = observer;
    }

    /** The handler in front of the codec. */
    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                bytesContext = ctx;
                if (ctx.channel().isActive()) {
                    start(ctx);
                }
            }

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                start(ctx);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buf && buf.isReadable()) {
                    bytesSeen = true;
                    if (state == State.WAITING) {
                        state = State.HEAD;
                        if (timer == null) {
                            deadline = ticker.getAsLong() + timeoutNanos;
                        }
                    }
                }
                ctx.fireChannelRead(msg);
                // The codec has parsed what it could of this read: wait only for a head still open.
                if (state == State.HEAD && timer == null && ctx.channel().isActive()) {
                    schedule(ctx);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                cancel();
            }
        };
    }

    /** The handler behind the codec. */
    ChannelHandler heads() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (expired) {
                    // The partial head the codec gives up on at the close: already answered 408.
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (msg instanceof HttpRequest) {
                    state = State.BODY;
                    cancel();
                }
                if (msg instanceof LastHttpContent) {
                    state = State.WAITING;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void start(ChannelHandlerContext ctx) {
        if (deadline == 0 && timer == null) {
            deadline = ticker.getAsLong() + timeoutNanos;
            schedule(ctx);
        }
    }

    private void schedule(ChannelHandlerContext ctx) {
        long delay = Math.max(0, deadline - ticker.getAsLong());
        timer = ctx.executor().schedule(this::expired, delay, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired() {
        timer = null;
        ChannelHandlerContext ctx = bytesContext;
        if (ctx == null || !ctx.channel().isActive() || state == State.BODY) {
            return;
        }
        if (state == State.WAITING && !bytesSeen) {
            // Connected and silent (a browser's preconnect, or a slow attack): nobody to answer.
            observer.refused(EdgeObserver.HEAD_TIMEOUT);
            ctx.close();
            return;
        }
        if (state == State.HEAD) {
            expired = true;
            observer.refused(EdgeObserver.HEAD_TIMEOUT);
            ctx.channel().config().setAutoRead(false);
            RawAnswers.answerAndClose(ctx, TIMEOUT);
        }
    }
}
