package io.cutover.loadtest.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Turns a {@link SimResponse} into a Netty response at the moment it is written, so the buffer
 * exists only while Netty owns it (a failed write releases it).
 */
final class ResponseWriter {

    private ResponseWriter() {}

    /**
     * Writes and flushes {@code answer}. For HEAD the body is withheld but {@code Content-Length}
     * still says what GET would carry (RFC 9110 §9.3.2). {@code close} asks the keep-alive handler
     * to close the connection once the response is out.
     */
    static ChannelFuture write(ChannelHandlerContext ctx, SimResponse answer, boolean head, boolean close) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                head || answer.body().length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        answer.headers().forEach(response.headers()::set);
        HttpUtil.setContentLength(response, answer.body().length);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return ctx.writeAndFlush(response);
    }
}
