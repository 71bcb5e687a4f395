package io.cutover.proxy.admin;

import io.cutover.ops.health.Health;
import io.cutover.ops.health.HealthReport;
import io.cutover.ops.json.JsonString;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.proxy.reload.ReloadResult;
import io.cutover.proxy.replay.ReplayService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The operators' endpoints: {@code /metrics} (Prometheus text), {@code /healthz} (the process
 * serves), {@code /readyz} (every readiness check passes; 503 otherwise, so a load balancer takes
 * the instance out). Runs on the admin event loop, never on the tracking loops.
 */
@ChannelHandler.Sharable
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String INDEX = "Cutover admin\n\n"
            + "  /metrics  Prometheus metrics\n"
            + "  /healthz  liveness\n"
            + "  /readyz   readiness (503 until every check passes)\n"
            + "  POST /admin/reload  reload the mapping and directory now (loopback only)\n"
            + "  POST /admin/redrive[?max=N]  dead letters back to the retry queue\n";

    private static final String RELOAD = "/admin/reload";

    private final Telemetry telemetry;
    private final Health health;
    private final Supplier<CompletableFuture<ReloadResult>> reload;

    private final RedriveEndpoint redrive;

    AdminRequestHandler(
            Telemetry telemetry,
            Health health,
            Supplier<CompletableFuture<ReloadResult>> reload,
            ReplayService replay) {
        this.telemetry = telemetry;
        this.health = health;
        this.reload = reload;
        this.redrive = new RedriveEndpoint(replay);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        FullHttpResponse response;
        if (request.decoderResult().isSuccess()
                && request.method().equals(HttpMethod.POST)
                && pathOf(request).equals(RELOAD)) {
            reload(ctx, HttpUtil.isKeepAlive(request));
            return;
        }
        if (request.decoderResult().isSuccess() && pathOf(request).equals(RedriveEndpoint.PATH)) {
            redrive.handle(ctx, request);
            return;
        }
        if (!request.decoderResult().isSuccess()) {
            response = text(HttpResponseStatus.BAD_REQUEST, "malformed request\n");
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or HEAD (POST for " + RELOAD + " only)\n");
        } else {
            response = route(ctx, pathOf(request));
        }
        boolean keepAlive =
                HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        send(ctx, response, keepAlive);
    }

    private static String pathOf(FullHttpRequest request) {
        String path = request.uri();
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /**
     * Runs a reload off this loop and answers when it is done: 200 with the new snapshot, 409
     * with the problems when it was refused (the old snapshot serving), 403 unless the caller
     * is on loopback, whatever address the listener is bound to.
     */
    private void reload(ChannelHandlerContext ctx, boolean keepAlive) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress remote)
                || remote.getAddress() == null
                || !remote.getAddress().isLoopbackAddress()) {
            send(ctx, text(HttpResponseStatus.FORBIDDEN, "reload is allowed from loopback only\n"), false);
            return;
        }
        reload.get().whenComplete((result, failure) -> {
            Runnable answer = () -> {
                FullHttpResponse response = failure != null
                        ? json(
                                HttpResponseStatus.SERVICE_UNAVAILABLE,
                                "{\"result\":\"failed\",\"reason\":"
                                        + JsonString.append(new StringBuilder(), String.valueOf(failure.getMessage()))
                                        + "}")
                        : json(result.ok() ? HttpResponseStatus.OK : HttpResponseStatus.CONFLICT, result.toJson());
                send(ctx, response, keepAlive);
            };
            if (ctx.executor().inEventLoop()) {
                answer.run();
            } else {
                ctx.executor().execute(answer);
            }
        });
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private FullHttpResponse route(ChannelHandlerContext ctx, String path) throws IOException {
        switch (path) {
            case "/metrics":
                ByteBuf body = ctx.alloc().buffer(8192);
                boolean done = false;
                try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
                    telemetry.scrape(out);
                    done = true;
                } finally {
                    if (!done) {
                        body.release();
                    }
                }
                return response(HttpResponseStatus.OK, Telemetry.CONTENT_TYPE, body);
            case "/healthz":
                return json(HttpResponseStatus.OK, Health.LIVE_JSON);
            case "/readyz":
                HealthReport report = health.check();
                return json(
                        report.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        report.toJson());
            case "/":
                return text(HttpResponseStatus.OK, INDEX);
            default:
                return text(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path + "\n\n" + INDEX);
        }
    }

    private static FullHttpResponse json(HttpResponseStatus status, String json) {
        return response(status, Health.CONTENT_TYPE, Unpooled.copiedBuffer(json + "\n", StandardCharsets.UTF_8));
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        return response(status, "text/plain; charset=utf-8", Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }
}
