package io.cutover.proxy.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an origin connection: hands the complete response, a close or an error to
 * the call in flight, and closes a pooled connection that has been idle too long. One per
 * connection; at most one call at a time.
 */
final class OriginResponseReceiver extends ChannelInboundHandlerAdapter {

    private OriginCall call;

    void begin(OriginCall call) {
        this.call = call;
    }

    /** The origin's first bytes for the call in flight arrived. */
    void responseStarted() {
        if (call != null) {
            call.onResponseStarted();
        }
    }

    /** Detaches the call, e.g. when it timed out and will not take the connection's answer. */
    void end() {
        this.call = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        OriginCall current = call;
        call = null;
        if (current != null && msg instanceof FullHttpResponse response) {
            current.onResponse(response);
            return;
        }
        // An answer nobody asked for: the connection's state is unknown, so it is not reused.
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        OriginCall current = call;
        call = null;
        if (current != null) {
            current.onClosed(null);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        OriginCall current = call;
        call = null;
        ctx.close();
        if (current != null) {
            current.onClosed(cause);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (call == null) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
