package io.cutover.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One client connection's part in a {@link Drain}: counts its requests from the head read to the
 * last byte of the answer written, and while draining marks each response {@code Connection:
 * close} (the keep-alive handler then closes the connection after it). Sits after the
 * keep-alive handler in the pipeline so that handler sees the mark. All on the channel's loop.
 */
final class DrainHandler extends ChannelDuplexHandler implements Drainable {

    private final Drain drain;
    private int inFlight;
    private long quietSince;

    DrainHandler(Drain drain) {
        this.drain = drain;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        quietSince = drain.now();
        drain.opened(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            inFlight++;
            drain.started();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean informational = false;
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (drain.closingConnections() && !informational) {
                HttpUtil.setKeepAlive(response, false);
            }
        }
        if (msg instanceof LastHttpContent && !informational && inFlight > 0) {
            ChannelPromise written = promise.unvoid();
            written.addListener(f -> answered());
            ctx.write(msg, written);
            return;
        }
        ctx.write(msg, promise);
    }

    private void answered() {
        if (inFlight > 0) {
            inFlight--;
            drain.finished(1);
        }
        quietSince = drain.now();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inFlight > 0) {
            drain.finished(inFlight);
            inFlight = 0;
        }
        super.channelInactive(ctx);
    }

    /** Closes the connection when it holds no request and has been quiet since before {@code cutoff}. */
    @Override
    public void closeIfQuietSince(Channel channel, long cutoff) {
        if (inFlight == 0 && quietSince - cutoff < 0 && channel.isActive()) {
            channel.close();
        }
    }
}
