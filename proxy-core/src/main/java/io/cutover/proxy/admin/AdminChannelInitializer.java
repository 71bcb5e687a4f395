package io.cutover.proxy.admin;

import io.cutover.ops.admin.AdminToken;
import io.cutover.ops.health.Health;
import io.cutover.ops.metrics.Telemetry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.Optional;

/** The admin listener's pipeline: small limits, a read timeout, then the endpoints. */
public final class AdminChannelInitializer extends ChannelInitializer<Channel> {

    private final AdminRequestHandler handler;

    /**
     * @param token the bearer token every changing call needs; empty refuses them all
     * @param operations what the state, breaker, reload, redrive and drain endpoints read and do
     */
    public AdminChannelInitializer(
            Telemetry telemetry, Health health, Optional<AdminToken> token, AdminOperations operations) {
        this.handler = new AdminRequestHandler(telemetry, health, token, operations);
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
