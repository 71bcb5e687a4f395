package io.cutover.proxy.server;

import io.cutover.proxy.config.EdgeSettings;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps client connections, in total and per peer address, so that one client (or a flood) cannot
 * take every file descriptor. A connection over a cap is answered at once, {@code 503} (total) or
 * {@code 429} (its address), with {@code Retry-After} and {@code Connection: close}, then closed,
 * and counted. Trusted proxies are exempt from the per-address cap: every shopper behind a load
 * balancer shares its address.
 *
 * <p>One instance for the whole listener (shared by every connection and event loop), the first
 * handler of each pipeline.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("cutover.counted");
    private static final AttributeKey<InetAddress> COUNTED_PEER = AttributeKey.valueOf("cutover.counted-peer");
    private static final InetAddress UNKNOWN_PEER = InetAddress.getLoopbackAddress();

    private final int maxTotal;
    private final int maxPerClient;
    private final EdgeSettings settings;
    private final EdgeObserver observer;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final byte[] totalAnswer;
    private final byte[] clientAnswer;

    public ConnectionLimiter(EdgeSettings settings, EdgeObserver observer) {
        this.settings = settings;
        this.maxTotal = settings.maxConnections();
        this.maxPerClient = settings.maxConnectionsPerClient();
        this.observer = observer;
        this.totalAnswer = RawAnswers.bytes(
                503,
                "Service Unavailable",
                "too many connections (server.max-connections: " + maxTotal + ")",
                "retry-after: 1");
        this.clientAnswer = RawAnswers.bytes(
                429,
                "Too Many Requests",
                "too many connections from one address (server.max-connections-per-client: " + maxPerClient + ")",
                "retry-after: 1");
    }

    /** Client connections open now. */
    public int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int total = open.incrementAndGet();
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        if (maxTotal > 0 && total > maxTotal) {
            refuse(ctx, totalAnswer, EdgeObserver.MAX_CONNECTIONS);
            return;
        }
        InetAddress peer = peer(ctx);
        if (maxPerClient > 0 && !settings.isTrustedProxy(peer.getHostAddress())) {
            ctx.channel().attr(COUNTED_PEER).set(peer);
            int fromPeer = perClient.merge(peer, 1, Integer::sum);
            if (fromPeer > maxPerClient) {
                refuse(ctx, clientAnswer, EdgeObserver.MAX_CONNECTIONS_PER_CLIENT);
                return;
            }
        }
        ctx.fireChannelActive();
    }

    private void refuse(ChannelHandlerContext ctx, byte[] answer, String reason) {
        observer.refused(reason);
        // Nothing behind this handler sees the connection: it never became active for them.
        ctx.channel().config().setAutoRead(false);
        if (ctx.pipeline().get(ClientChannelInitializer.TLS) != null) {
            // Before the handshake an HTTP answer is noise to a TLS client: the close says it.
            ctx.close();
            return;
        }
        RawAnswers.answerAndClose(ctx, answer);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            open.decrementAndGet();
        }
        InetAddress peer = ctx.channel().attr(COUNTED_PEER).getAndSet(null);
        if (peer != null) {
            perClient.computeIfPresent(peer, (k, n) -> n <= 1 ? null : n - 1);
        }
        ctx.fireChannelInactive();
    }

    private static InetAddress peer(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return UNKNOWN_PEER;
    }
}
