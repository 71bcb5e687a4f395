package io.cutover.proxy.origin;

import io.cutover.proxy.config.BackendSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds an origin connection's pipeline, in flow order: TLS, response start, HTTP codec, response
 * assembly, idle, receiver.
 */
final class OriginChannelInitializer extends ChannelInitializer<Channel> {

    static final String TLS = "tls";
    static final String RESPONSE_START = "response-start";
    static final String CODEC = "codec";
    static final String AGGREGATOR = "aggregator";
    static final String IDLE = "idle";
    static final String RECEIVER = "receiver";

    /** Status lines and headers of tracking platforms are small; these bounds only stop abuse. */
    private static final int MAX_INITIAL_LINE = 8192;

    private static final int MAX_HEADER_SIZE = 32 * 1024;

    private final BackendSettings settings;
    private final SslContext tls;

    OriginChannelInitializer(BackendSettings settings, SslContext tls) {
        this.settings = settings;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            // SNI and certificate checks use the Host the backend expects, not the address dialled.
            p.addLast(TLS, tls.newHandler(ch.alloc(), serverName(), settings.port()));
        }
        OriginResponseReceiver receiver = new OriginResponseReceiver();
        p.addLast(RESPONSE_START, new ResponseStartDetector(receiver));
        p.addLast(
                CODEC,
                new HttpClientCodec(
                        new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                                .setMaxHeaderSize(MAX_HEADER_SIZE),
                        false,
                        false));
        p.addLast(AGGREGATOR, new ResponseAssembler(settings.maxResponseSize()));
        p.addLast(IDLE, new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast(RECEIVER, receiver);
    }

    private String serverName() {
        String host = settings.hostHeader();
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }
}
