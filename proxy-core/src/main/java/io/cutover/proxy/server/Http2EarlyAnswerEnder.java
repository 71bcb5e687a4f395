package io.cutover.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Ends an HTTP/2 stream that was answered before its request was whole (a body announced past
 * {@code server.max-body} is refused from its headers) with RST_STREAM(NO_ERROR): the client is
 * told to stop sending and to keep the answer it has (RFC 9113 §8.1). A plain close of the stream
 * channel would send CANCEL, which clients may take as the request having failed; the JDK 17
 * client ignores it after the answer's END_STREAM and then waits for flow-control credit for the
 * rest of its body until its timeout.
 */
final class Http2EarlyAnswerEnder extends ChannelOutboundHandlerAdapter {

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (ctx.channel() instanceof Http2StreamChannel stream
                && stream.stream().state() == Http2Stream.State.HALF_CLOSED_LOCAL) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
        }
        ctx.close(promise);
    }
}
