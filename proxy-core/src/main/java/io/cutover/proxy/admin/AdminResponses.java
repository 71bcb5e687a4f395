package io.cutover.proxy.admin;

import io.cutover.ops.json.JsonString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The admin listener's answers: JSON, text or a page, never cached, and how they are sent. */
final class AdminResponses {

    static final String JSON = "application/json; charset=utf-8";

    private AdminResponses() {}

    static FullHttpResponse json(HttpResponseStatus status, String json) {
        return response(status, JSON, Unpooled.copiedBuffer(json + "\n", StandardCharsets.UTF_8));
    }

    /** {@code {"error":"…"}}. */
    static FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(
                status,
                JsonString.append(new StringBuilder("{\"error\":"), message)
                        .append('}')
                        .toString());
    }

    static FullHttpResponse text(HttpResponseStatus status, String text) {
        return response(status, "text/plain; charset=utf-8", Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Sends from any thread: hops to the channel's loop unless already on it. */
    static void sendLater(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (ctx.executor().inEventLoop()) {
            send(ctx, response, keepAlive);
        } else {
            ctx.executor().execute(() -> send(ctx, response, keepAlive));
        }
    }
}
