package io.cutover.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/2 connection that stayed silent for {@code server.idle-timeout}: the frame
 * codec then sends GOAWAY and lets streams still open finish. On HTTP/1.1 the receiver does this.
 * Also the end of the connection's pipeline for errors, which the codec handles itself.
 */
final class Http2IdleCloser extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(Http2IdleCloser.class);

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
