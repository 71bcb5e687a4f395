package io.cutover.proxy.server;

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
 * Builds a client connection's pipeline in flow order: transport (idle), HTTP (codec, keep-alive,
 * bounded aggregation), tracking (the receiver, one request at a time). Handler names are
 * constants in that order.
 */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    public static final String IDLE = "idle";
    public static final String CODEC = "codec";
    public static final String KEEP_ALIVE = "keepAlive";
    public static final String DRAIN = "drain";
    public static final String AGGREGATOR = "aggregator";
    public static final String RECEIVER = "receiver";

    private final ServerSettings settings;
    private final TrackingFlow flow;
    private final LongSupplier ticker;
    private final Drain drain;

    public ClientChannelInitializer(ServerSettings settings, TrackingFlow flow, LongSupplier ticker) {
        this(settings, flow, ticker, new Drain(ticker));
    }

    /** @param drain what counts this listener's requests in flight and closes its connections on a drain */
    public ClientChannelInitializer(ServerSettings settings, TrackingFlow flow, LongSupplier ticker, Drain drain) {
        this.settings = settings;
        this.flow = flow;
        this.ticker = ticker;
        this.drain = drain;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        addTransportHandlers(p);
        addHttpHandlers(p);
        addTrackingHandlers(p);
    }

    private void addTransportHandlers(ChannelPipeline p) {
        p.addLast(IDLE, new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void addHttpHandlers(ChannelPipeline p) {
        p.addLast(
                CODEC,
                new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(settings.maxInitialLine())
                        .setMaxHeaderSize(settings.maxHeaderSize())));
        p.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        p.addLast(DRAIN, drain.handler());
        p.addLast(AGGREGATOR, new BoundedRequestAggregator(settings.maxBody()));
    }

    private void addTrackingHandlers(ChannelPipeline p) {
        p.addLast(RECEIVER, new ClientRequestReceiver(flow, settings, ticker));
    }
}
