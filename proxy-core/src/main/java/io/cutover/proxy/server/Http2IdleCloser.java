package io.cutover.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/2 connection that stayed silent for {@code server.idle-timeout}: the frame
 * codec then sends GOAWAY and lets streams still open finish. On HTTP/1.1 the receiver does this.
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A connection-level error reaches here after the codec answered it with GOAWAY.
        log.debug("client HTTP/2 connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
