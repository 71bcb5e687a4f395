package io.cutover.proxy.admin;

import io.cutover.ops.health.Health;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.proxy.replay.ReplayService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

/** The admin listener's pipeline: small limits, a read timeout, then the endpoints. */
public final class AdminChannelInitializer extends ChannelInitializer<Channel> {

    private final AdminRequestHandler handler;

    public AdminChannelInitializer(Telemetry telemetry, Health health) {
        this(telemetry, health, null);
    }

    /** @param replay the replay service behind {@code POST /admin/redrive}, or {@code null} */
    public AdminChannelInitializer(Telemetry telemetry, Health health, ReplayService replay) {
        this.handler = new AdminRequestHandler(telemetry, health, replay);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("timeout", new ReadTimeoutHandler(30));
        p.addLast("codec", new HttpServerCodec(4096, 8192, 8192));
        p.addLast("aggregator", new HttpObjectAggregator(4096));
        p.addLast("endpoints", handler);
    }
}
