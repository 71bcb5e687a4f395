package io.cutover.proxy.server;

import io.cutover.mapping.query.Quoted;
import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.config.ServerSettings;
import io.cutover.proxy.flow.ClientHeaders;
import io.cutover.proxy.flow.ClientResponses;
import io.cutover.proxy.flow.HopByHop;
import io.cutover.proxy.flow.RejectReason;
import io.cutover.proxy.flow.TrackingFlow;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client connection: reads a complete request, answers malformed ones with
 * a 4xx and the reason, hands good ones to the {@link TrackingFlow} and writes its answer.
 *
 * <p>One request at a time per connection, so pipelined requests are answered in order. Read
 * interest stays on: toggling it around every request costs two {@code epoll_ctl} calls per
 * request, for the rare client that pipelines. Requests that arrive while one is in flight wait
 * in a small queue instead; only a client that pipelines past {@link #MAX_WAITING} has reading
 * paused, so it cannot queue unbounded work.
 */
final class ClientRequestReceiver extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientRequestReceiver.class);
    private static final Map<AsciiString, String> ALLOW = Map.of(HttpHeaderNames.ALLOW, "GET, HEAD");

    private final TrackingFlow flow;
    private final ServerSettings settings;
    private final EdgeSettings edge;
    private final LongSupplier ticker;
    private final String scheme;
    /** Pipelined requests held per connection before reading pauses. */
    static final int MAX_WAITING = 16;

    private String peer = "-";
    /** What depends on the peer alone, worked out once per connection. */
    private ClientAddress.Peer connection;

    private ClientAddress.Peer connection() {
        if (connection == null) {
            // A request before the connection said it was open: only channels made in tests.
            connection = new ClientAddress.Peer(peer, scheme, edge);
        }
        return connection;
    }

    private boolean inFlight;
    private ArrayDeque<FullHttpRequest> waiting;
    private boolean paused;

    ClientRequestReceiver(TrackingFlow flow, ServerSettings settings, EdgeSettings edge, LongSupplier ticker) {
        this(flow, settings, edge, ticker, "http");
    }

    /**
     * @param scheme how the client reached Cutover, {@code http} or {@code https}: the {@code
     *     X-Forwarded-Proto} the backends are told, unless a trusted load balancer says otherwise
     */
    ClientRequestReceiver(
            TrackingFlow flow, ServerSettings settings, EdgeSettings edge, LongSupplier ticker, String scheme) {
        this.flow = flow;
        this.settings = settings;
        this.edge = edge;
        this.ticker = ticker;
        this.scheme = scheme;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Added to a connection that is already open, e.g. once ALPN chose HTTP/1.1.
        if (ctx.channel().isActive()) {
            peerIs(address(ctx.channel().remoteAddress()));
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peerIs(address(ctx.channel().remoteAddress()));
        ctx.fireChannelActive();
    }

    private void peerIs(String address) {
        peer = address;
        connection = new ClientAddress.Peer(address, scheme, edge);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (inFlight) {
            hold(ctx, request);
            return;
        }
        receive(ctx, request);
    }

    private void hold(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        waiting.add(request);
        if (waiting.size() >= MAX_WAITING && !paused) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** Takes the next pipelined request, if any, once the previous answer is written. */
    private void next(ChannelHandlerContext ctx) {
        while (!inFlight && waiting != null && !waiting.isEmpty()) {
            receive(ctx, waiting.poll());
        }
        if (paused && (waiting == null || waiting.size() < MAX_WAITING / 2)) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void receive(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!ctx.channel().isActive()) {
            // Pipelined behind a request that closed the connection: never served (RFC 9112 §9.6).
            request.release();
            return;
        }
        long start = ticker.getAsLong();
        HttpMethod method;
        String uri;
        ClientHeaders headers;
        try {
            if (!request.decoderResult().isSuccess()) {
                reject(
                        ctx,
                        malformed(request.decoderResult().cause()),
                        reason(request.decoderResult().cause()),
                        null,
                        start,
                        true);
                return;
            }
            method = request.method();
            uri = originForm(request.uri());
            headers = headers(request.headers());
            if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
                reject(
                        ctx,
                        RejectReason.BAD_METHOD,
                        "method " + method + " (expected: GET or HEAD; tracking links are followed, not posted)",
                        uri,
                        start,
                        false);
                return;
            }
            if (uri == null) {
                reject(
                        ctx,
                        RejectReason.BAD_REQUEST,
                        "request target '" + request.uri() + "' (expected: a path such as /r.cfm?…)",
                        null,
                        start,
                        false);
                return;
            }
        } finally {
            request.release();
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        inFlight = true;
        EventLoop loop = ctx.channel().eventLoop();
        CompletionStage<FullHttpResponse> answer;
        try {
            answer = flow.handle(loop, method, uri, path, query, headers);
        } catch (RuntimeException e) {
            // A bug must still answer the client rather than drop the connection.
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            if (loop.inEventLoop()) {
                respond(ctx, response, error);
            } else {
                loop.execute(() -> respond(ctx, response, error));
            }
        });
    }

    private void respond(ChannelHandlerContext ctx, FullHttpResponse response, Throwable error) {
        if (error != null) {
            log.error("request failed unexpectedly", error);
            response = ClientResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error", null);
        }
        if (!ctx.channel().isActive()) {
            inFlight = false;
            response.release();
            return;
        }
        ctx.write(response).addListener((ChannelFutureListener) f -> {
            inFlight = false;
            if (f.isSuccess()) {
                next(ctx);
            } else {
                f.channel().close();
            }
        });
        // Sent with the other answers of this pass of the event loop (FlushBatch).
        FlushBatch.flushSoon(ctx.channel());
    }

    private void reject(
            ChannelHandlerContext ctx, RejectReason reason, String detail, String uri, long start, boolean close) {
        String eventId = flow.eventIds().next().toString();
        flow.observer().received(null, eventId);
        flow.observer().rejected(null, reason, eventId, uri, peer, ticker.getAsLong() - start);
        FullHttpResponse response = reason == RejectReason.BAD_METHOD
                ? ClientResponses.error(reason.status(), detail, eventId, ALLOW)
                : ClientResponses.error(reason.status(), detail, eventId);
        if (close) {
            // After a framing error the byte stream cannot be trusted: answer, then hang up.
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    private RejectReason malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return RejectReason.URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return RejectReason.HEADER_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpContentException) {
            return RejectReason.TOO_LARGE;
        }
        return RejectReason.BAD_REQUEST;
    }

    private String reason(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return "request line longer than " + settings.maxInitialLine() + " bytes";
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return "headers larger than " + settings.maxHeaderSize() + " bytes";
        }
        if (cause instanceof TooLongHttpContentException) {
            return "body larger than " + settings.maxBody() + " bytes";
        }
        if (cause instanceof TooLongFrameException) {
            return "request too large";
        }
        if (cause instanceof EdgeRejection) {
            return cause.getMessage();
        }
        String message = cause == null ? null : cause.getMessage();
        return "malformed HTTP request" + (message == null ? "" : " (" + Quoted.shown(message, 200) + ")");
    }

    /** Origin form ({@code /r.cfm?…}); absolute form is reduced to it; anything else is refused. */
    static String originForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        boolean http = scheme == 4 && target.regionMatches(true, 0, "http", 0, 4)
                || scheme == 5 && target.regionMatches(true, 0, "https", 0, 5);
        if (http) {
            int slash = target.indexOf('/', scheme + 3);
            int question = target.indexOf('?', scheme + 3);
            if (slash < 0 || (question >= 0 && question < slash)) {
                return question < 0 ? "/" : "/" + target.substring(question);
            }
            return target.substring(slash);
        }
        return null;
    }

    /**
     * The client headers that travel on, each read from the parsed request (never its bytes),
     * without those the request's {@code Connection} header names hop-by-hop.
     */
    private ClientHeaders headers(HttpHeaders h) {
        Set<String> hop = HopByHop.nominated(h);
        ClientAddress address = ClientAddress.of(connection(), h, hop, edge);
        return new ClientHeaders(
                h.get(HttpHeaderNames.HOST),
                HopByHop.endToEnd(h, HttpHeaderNames.USER_AGENT, hop),
                HopByHop.endToEnd(h, HttpHeaderNames.ACCEPT, hop),
                HopByHop.endToEnd(h, HttpHeaderNames.ACCEPT_LANGUAGE, hop),
                HopByHop.endToEnd(h, HttpHeaderNames.REFERER, hop),
                hop.contains("cookie") ? null : joinedCookies(h),
                address.clientIp(),
                address.forwardedFor(),
                address.proto(),
                address.forwarded());
    }

    /** HTTP/1.1 allows one Cookie header, but some clients send several: join them as RFC 6265 says. */
    private static String joinedCookies(HttpHeaders h) {
        java.util.List<String> all = h.getAll(HttpHeaderNames.COOKIE);
        if (all.isEmpty()) {
            return null;
        }
        return all.size() == 1 ? all.get(0) : String.join("; ", all);
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String literal = inet.getAddress().getHostAddress();
            int zone = literal.indexOf('%');
            return zone < 0 ? literal : literal.substring(0, zone);
        }
        return "-";
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    private void releaseWaiting() {
        if (waiting != null) {
            FullHttpRequest request;
            while ((request = waiting.poll()) != null) {
                request.release();
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (!inFlight) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and half-closed sockets are everyday events on the internet, not errors.
        log.debug("client connection {} failed", peer, cause);
        ctx.close();
    }
}
