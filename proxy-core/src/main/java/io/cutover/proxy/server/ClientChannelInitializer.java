package io.cutover.proxy.server;

import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.config.ServerSettings;
import io.cutover.proxy.flow.TrackingFlow;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Builds a client connection's pipeline in flow order: transport (connection caps, idle), HTTP
 * (request-head deadline, obs-fold guard, strict codec, strict-request checks, keep-alive,
 * bounded aggregation), tracking (the receiver, one request at a time). Handler names are
 * constants in that order.
 */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    public static final String CONNECTION_LIMIT = "connectionLimit";
    public static final String IDLE = "idle";
    public static final String HEAD_DEADLINE = "headDeadline";
    public static final String FOLD_GUARD = "foldGuard";
    public static final String CODEC = "codec";
    public static final String HEAD_RECEIVED = "headReceived";
    public static final String STRICT = "strict";
    public static final String KEEP_ALIVE = "keepAlive";
    public static final String AGGREGATOR = "aggregator";
    public static final String RECEIVER = "receiver";

    private final ServerSettings settings;
    private final EdgeSettings edge;
    private final ConnectionLimiter limiter;
    private final EdgeObserver observer;
    private final TrackingFlow flow;
    private final LongSupplier ticker;

    /** Without connection caps (tests of one connection). */
    public ClientChannelInitializer(ServerSettings settings, TrackingFlow flow, LongSupplier ticker) {
        this(settings, EdgeSettings.defaults(), null, EdgeObserver.NONE, flow, ticker);
    }

    /**
     * @param limiter the listener's connection caps, shared by all its connections; {@code null}
     *     for none
     */
    public ClientChannelInitializer(
            ServerSettings settings,
            EdgeSettings edge,
            ConnectionLimiter limiter,
            EdgeObserver observer,
            TrackingFlow flow,
            LongSupplier ticker) {
        this.settings = settings;
        this.edge = edge;
        this.limiter = limiter;
        this.observer = observer;
        this.flow = flow;
        this.ticker = ticker;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        addTransportHandlers(p);
        addHttpHandlers(p);
        addTrackingHandlers(p);
    }

    private void addTransportHandlers(ChannelPipeline p) {
        if (limiter != null) {
            p.addLast(CONNECTION_LIMIT, limiter);
        }
        p.addLast(IDLE, new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void addHttpHandlers(ChannelPipeline p) {
        RequestHeadDeadline headDeadline = new RequestHeadDeadline(edge.requestHeadTimeout(), ticker, observer);
        p.addLast(HEAD_DEADLINE, headDeadline.bytes());
        p.addLast(FOLD_GUARD, new FoldedHeaderGuard());
        p.addLast(
                CODEC,
                new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(settings.maxInitialLine())
                        .setMaxHeaderSize(settings.maxHeaderSize())
                        // Bare LF ends no line, and Content-Length beside Transfer-Encoding is refused
                        // (RFC 9112 §2.2, §6.3), rather than resolved by a guess another hop may not share.
                        .setStrictLineParsing(true)
                        .setUseRfc9112TransferEncoding(true)));
        p.addLast(HEAD_RECEIVED, headDeadline.heads());
        p.addLast(STRICT, new StrictRequestValidator());
        p.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        p.addLast(AGGREGATOR, new BoundedRequestAggregator(settings.maxBody()));
    }

    private void addTrackingHandlers(ChannelPipeline p) {
        p.addLast(RECEIVER, new ClientRequestReceiver(flow, settings, edge, ticker));
    }
}
