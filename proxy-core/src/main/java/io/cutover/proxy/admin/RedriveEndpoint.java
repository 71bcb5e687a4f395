package io.cutover.proxy.admin;

import io.cutover.proxy.replay.ReplayService;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /admin/redrive[?max=N]}: sends up to N dead letters (default 1000) back to the
 * retry queue and answers with the counts, {@code {"moved":3,"failed":0,"remaining":0}}. The
 * redrive runs on the SQS client's threads; the answer hops back to the admin loop.
 */
final class RedriveEndpoint {

    static final String PATH = "/admin/redrive";
    static final int DEFAULT_MAX = 1000;
    static final int LIMIT = 1_000_000;

    private final ReplayService replay;

    RedriveEndpoint(ReplayService replay) {
        this.replay = replay;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.method().equals(HttpMethod.POST)) {
            FullHttpResponse refused = json(HttpResponseStatus.METHOD_NOT_ALLOWED, error("POST " + PATH));
            refused.headers().set(HttpHeaderNames.ALLOW, "POST");
            write(ctx, refused, keepAlive);
            return;
        }
        if (replay == null) {
            write(
                    ctx,
                    json(HttpResponseStatus.SERVICE_UNAVAILABLE, error("replay is not enabled (replay.enabled)")),
                    keepAlive);
            return;
        }
        int max;
        try {
            max = max(request.uri());
        } catch (IllegalArgumentException e) {
            write(ctx, json(HttpResponseStatus.BAD_REQUEST, error(e.getMessage())), keepAlive);
            return;
        }
        replay.redrive(max).whenComplete((result, failure) -> {
            FullHttpResponse response = failure == null
                    ? json(HttpResponseStatus.OK, result.toJson())
                    : json(HttpResponseStatus.BAD_GATEWAY, error(String.valueOf(failure)));
            if (ctx.executor().inEventLoop()) {
                write(ctx, response, keepAlive);
            } else {
                ctx.executor().execute(() -> write(ctx, response, keepAlive));
            }
        });
    }

    static int max(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("max");
        if (values == null || values.isEmpty()) {
            return DEFAULT_MAX;
        }
        String value = values.get(0);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("max: " + value + " (expected: an integer from 1 to " + LIMIT + ")");
    }

    private static String error(String message) {
        return "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static FullHttpResponse json(HttpResponseStatus status, String body) {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
