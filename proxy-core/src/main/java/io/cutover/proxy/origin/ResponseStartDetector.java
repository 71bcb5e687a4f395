package io.cutover.proxy.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Notes the first bytes of a response, before the codec: a connection that closes, or a deadline
 * that passes, after the origin began to answer is a broken answer, not a silence. Passes
 * everything on untouched.
 */
final class ResponseStartDetector extends ChannelInboundHandlerAdapter {

    private final OriginResponseReceiver receiver;

    ResponseStartDetector(OriginResponseReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        receiver.responseStarted();
        ctx.fireChannelRead(msg);
    }
}
