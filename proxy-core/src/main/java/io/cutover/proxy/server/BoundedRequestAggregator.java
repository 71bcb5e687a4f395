package io.cutover.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpContentException;

/**
 * Aggregates requests up to {@code server.max-body}, and turns an oversized one into a failed
 * request for the receiver, instead of Netty's own silent 413: so it is answered with a reason,
 * counted and logged like every other rejection.
 */
final class BoundedRequestAggregator extends HttpObjectAggregator {

    BoundedRequestAggregator(int maxBody) {
        super(maxBody);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            DefaultFullHttpRequest failed = new DefaultFullHttpRequest(
                    request.protocolVersion(), request.method(), request.uri(), Unpooled.EMPTY_BUFFER);
            failed.setDecoderResult(DecoderResult.failure(new TooLongHttpContentException("body too large")));
            ctx.fireChannelRead(failed);
            return;
        }
        ctx.close();
    }
}
