package io.cutover.proxy.admin;

import static io.cutover.proxy.admin.AdminResponses.error;
import static io.cutover.proxy.admin.AdminResponses.json;
import static io.cutover.proxy.admin.AdminResponses.response;
import static io.cutover.proxy.admin.AdminResponses.send;
import static io.cutover.proxy.admin.AdminResponses.sendLater;
import static io.cutover.proxy.admin.AdminResponses.text;

import io.cutover.failover.guard.BreakerOverride;
import io.cutover.ops.admin.AdminToken;
import io.cutover.ops.dashboard.Dashboard;
import io.cutover.ops.health.Health;
import io.cutover.ops.health.HealthReport;
import io.cutover.ops.json.JsonString;
import io.cutover.ops.metrics.Telemetry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The operators' endpoints. Reading needs nothing: the live dashboard at {@code /}, {@code GET
 * /admin/state}, {@code /metrics} (Prometheus text), {@code /live} (the process answers) and
 * {@code /ready} (every readiness check passes; 503 otherwise, so a load balancer takes the
 * instance out; {@code /healthz} and {@code /readyz} are the same). Every call that changes
 * something is a {@code POST} with {@code Authorization: Bearer <admin.token>}, checked in
 * constant time before anything else; without it the answer is 401 and nothing changes. Runs on
 * the admin event loop, never on the tracking loops.
 */
@ChannelHandler.Sharable
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String INDEX = "Cutover admin\n\n"
            + "  /                 the live failover dashboard\n"
            + "  /admin/state      everything below as JSON\n"
            + "  /metrics          Prometheus metrics\n"
            + "  /live  /ready     liveness; readiness (503 until every check passes, and while draining)\n"
            + "  with Authorization: Bearer $CUTOVER_ADMIN_TOKEN:\n"
            + "  POST /admin/breakers/{primary|legacy}?state=forced-open|forced-closed|auto\n"
            + "  POST /admin/reload              reload the mapping and directory now\n"
            + "  POST /admin/redrive[?max=N]     dead letters back to the retry queue\n"
            + "  POST /admin/drain               not ready, stop accepting, finish in flight, flush\n";

    static final String RELOAD = "/admin/reload";
    static final String BREAKERS = "/admin/breakers/";
    static final String DRAIN = "/admin/drain";
    static final String STATE = "/admin/state";

    /** The page may load nothing from anywhere, and talk only to this listener. */
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
            + "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final Telemetry telemetry;
    private final Health health;
    private final Optional<AdminToken> token;
    private final AdminOperations operations;
    private final RedriveEndpoint redrive;

    /**
     * @param token the bearer token changing calls need; empty refuses them all
     * @param operations what the endpoints read and do, or {@code null} for a listener with
     *     health and metrics only
     */
    AdminRequestHandler(Telemetry telemetry, Health health, Optional<AdminToken> token, AdminOperations operations) {
        this.telemetry = telemetry;
        this.health = health;
        this.token = token;
        this.operations = operations;
        this.redrive = new RedriveEndpoint(operations == null ? null : operations.replay());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        boolean keepAlive =
                HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (!request.decoderResult().isSuccess()) {
            send(ctx, text(HttpResponseStatus.BAD_REQUEST, "malformed request\n"), false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            post(ctx, request, path, keepAlive);
            return;
        }
        if (isAction(path)) {
            FullHttpResponse refused = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "POST " + path);
            refused.headers().set(HttpHeaderNames.ALLOW, "POST");
            send(ctx, refused, keepAlive);
            return;
        }
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            FullHttpResponse refused = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or HEAD here\n");
            refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, refused, keepAlive);
            return;
        }
        send(ctx, read(ctx, path), keepAlive);
    }

    private static boolean isAction(String path) {
        return path.equals(RELOAD)
                || path.equals(RedriveEndpoint.PATH)
                || path.equals(DRAIN)
                || path.startsWith(BREAKERS);
    }

    private void post(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
        if (!isAction(path)) {
            send(ctx, error(HttpResponseStatus.NOT_FOUND, "no such action: POST " + path), keepAlive);
            return;
        }
        // The token before anything else, even before "not configured" answers: a caller without
        // it learns nothing about the instance.
        if (token.isEmpty() || !token.get().authorizes(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            FullHttpResponse refused = error(
                    HttpResponseStatus.UNAUTHORIZED,
                    token.isEmpty()
                            ? "admin.token is not set (CUTOVER_ADMIN_TOKEN): the admin API only reads"
                            : "a bearer token is required: Authorization: Bearer $CUTOVER_ADMIN_TOKEN");
            refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"cutover-admin\"");
            send(ctx, refused, keepAlive);
            return;
        }
        if (operations == null) {
            send(ctx, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "no operations on this listener"), keepAlive);
            return;
        }
        if (path.equals(RedriveEndpoint.PATH)) {
            redrive.handle(ctx, request);
        } else if (path.equals(RELOAD)) {
            reload(ctx, keepAlive);
        } else if (path.equals(DRAIN)) {
            send(ctx, json(HttpResponseStatus.ACCEPTED, operations.drain()), keepAlive);
        } else {
            breaker(ctx, request, path.substring(BREAKERS.length()), keepAlive);
        }
    }

    /** {@code POST /admin/breakers/{backend}?state=…}: 200 with the breaker's state after the change. */
    private void breaker(ChannelHandlerContext ctx, FullHttpRequest request, String backend, boolean keepAlive) {
        List<String> backends = operations.backends();
        if (!backends.contains(backend)) {
            send(
                    ctx,
                    error(
                            HttpResponseStatus.NOT_FOUND,
                            "backend: " + backend + " (expected: " + String.join(" or ", backends) + ")"),
                    keepAlive);
            return;
        }
        List<String> states = new QueryStringDecoder(request.uri()).parameters().get("state");
        BreakerOverride override;
        try {
            override = BreakerOverride.of(states == null || states.isEmpty() ? null : states.get(0));
        } catch (IllegalArgumentException e) {
            send(ctx, error(HttpResponseStatus.BAD_REQUEST, e.getMessage()), keepAlive);
            return;
        }
        operations.override(backend, override);
        StringBuilder body = new StringBuilder("{\"backend\":");
        JsonString.append(body, backend).append(",\"override\":");
        JsonString.append(body, override.tag()).append('}');
        send(ctx, json(HttpResponseStatus.OK, body.toString()), keepAlive);
    }

    /**
     * Runs a reload off this loop and answers when it is done: 200 with the new snapshot, 409
     * with the problems when it was refused (the old snapshot serving).
     */
    private void reload(ChannelHandlerContext ctx, boolean keepAlive) {
        operations.reload().whenComplete((result, failure) -> {
            FullHttpResponse response = failure != null
                    ? json(
                            HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "{\"result\":\"failed\",\"reason\":"
                                    + JsonString.append(new StringBuilder(), String.valueOf(failure.getMessage()))
                                    + "}")
                    : json(result.ok() ? HttpResponseStatus.OK : HttpResponseStatus.CONFLICT, result.toJson());
            sendLater(ctx, response, keepAlive);
        });
    }

    private FullHttpResponse read(ChannelHandlerContext ctx, String path) throws IOException {
        switch (path) {
            case "/":
            case "/index.html":
                FullHttpResponse page = response(
                        HttpResponseStatus.OK, Dashboard.CONTENT_TYPE, Unpooled.wrappedBuffer(Dashboard.page()));
                page.headers().set("Content-Security-Policy", PAGE_POLICY).set("X-Frame-Options", "DENY");
                return page;
            case STATE:
                return operations == null
                        ? error(HttpResponseStatus.NOT_FOUND, "no state on this listener")
                        : json(HttpResponseStatus.OK, operations.stateJson());
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
            case "/live":
            case "/healthz":
                return json(HttpResponseStatus.OK, Health.LIVE_JSON);
            case "/ready":
            case "/readyz":
                HealthReport report = health.check();
                return json(
                        report.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        report.toJson());
            case "/help":
                return text(HttpResponseStatus.OK, INDEX);
            default:
                return text(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path + "\n\n" + INDEX);
        }
    }
}
