package io.cutover.proxy.admin;

import io.cutover.ops.health.Health;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.proxy.reload.ReloadResult;
import io.cutover.proxy.replay.ReplayService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The admin listener's pipeline: small limits, a read timeout, then the endpoints. */
public final class AdminChannelInitializer extends ChannelInitializer<Channel> {

    private final AdminRequestHandler handler;

    /**
     * @param reload starts a reload of the mapping and directory ({@code POST /admin/reload}) and
     *     answers with its result; it must not block
     * @param replay the replay service behind {@code POST /admin/redrive}, or {@code null}
     */
    public AdminChannelInitializer(
            Telemetry telemetry,
            Health health,
            Supplier<CompletableFuture<ReloadResult>> reload,
            ReplayService replay) {
        this.handler = new AdminRequestHandler(telemetry, health, reload, replay);
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
