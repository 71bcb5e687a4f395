package io.cutover.loadtest.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One client connection of a lane: one request at a time (no pipelining, as browsers do), its
 * answer read just enough for status, Location and event ID. Confined to the lane's event loop.
 */
final class ClientConnection extends SimpleChannelInboundHandler<HttpObject> {

    private static final String EVENT_ID = "x-cutover-event-id";

    private final Lane lane;
    Channel channel;
    Pending current;
    private boolean reusable;

    ClientConnection(Lane lane) {
        this.lane = lane;
    }

    void send(Pending pending) {
        current = pending;
        reusable = !pending.fresh;
        pending.sentNanos = System.nanoTime();
        channel.writeAndFlush(Unpooled.wrappedBuffer(pending.bytes), channel.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        Pending pending = current;
        if (pending == null) {
            // An answer nobody asked for (or one after its request timed out): the connection is spoiled.
            ctx.close();
            return;
        }
        if (msg.decoderResult().isFailure()) {
            current = null;
            lane.finish(pending, Failure.BAD_RESPONSE);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            pending.status = response.status().code();
            pending.location = response.headers().get(HttpHeaderNames.LOCATION);
            pending.eventId = response.headers().get(EVENT_ID);
            reusable &= HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof LastHttpContent) {
            current = null;
            lane.finish(pending, null);
            if (reusable) {
                lane.release(this);
            } else {
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Pending pending = current;
        current = null;
        if (pending != null) {
            lane.finish(pending, Failure.RESET);
        }
        lane.closed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Fails the request in flight as timed out and drops the connection. */
    void timeOut() {
        Pending pending = current;
        current = null;
        if (pending != null) {
            lane.finish(pending, Failure.TIMEOUT);
        }
        channel.close();
    }
}
