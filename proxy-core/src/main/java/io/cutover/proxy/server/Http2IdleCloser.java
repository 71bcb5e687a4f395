package io.cutover.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/2 connection that stayed silent for {@code server.idle-timeout}, or when a
 * {@link Drain} ends it: the frame codec then sends GOAWAY(NO_ERROR) and lets the streams still
 * open finish before the connection closes. On HTTP/1.1 the receiver and the {@link DrainHandler}
 * do this. Also the end of the connection's pipeline for errors, which the codec handles itself.
 */
final class Http2IdleCloser extends ChannelInboundHandlerAdapter implements Drainable {

    private static final Logger log = LoggerFactory.getLogger(Http2IdleCloser.class);

    private final Drain drain;
    private boolean goingAway;

    Http2IdleCloser(Drain drain) {
        this.drain = drain;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Added once ALPN chose h2, to a connection already open.
        if (ctx.channel().isActive()) {
            drain.opened(ctx.channel());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        drain.opened(ctx.channel());
        ctx.fireChannelActive();
    }

    /** GOAWAY at once, whatever the streams hold: they finish, and none is opened after it. */
    @Override
    public void closeIfQuietSince(Channel channel, long cutoff) {
        if (!goingAway && channel.isActive()) {
            goingAway = true;
            channel.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * The frame codec shows a connection error here before it sends GOAWAY with the error's code
     * and closes: closing here first would send GOAWAY(NO_ERROR) and hide why.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client HTTP/2 connection {} failed", ctx.channel().remoteAddress(), cause);
    }
}
