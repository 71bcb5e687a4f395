package io.cutover.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the TLS handshake is done, adds the chain of the protocol ALPN chose: {@code h2}, or
 * HTTP/1.1 (chosen, or a client that offers no ALPN at all).
 */
final class ClientProtocolNegotiator extends ApplicationProtocolNegotiationHandler {

    private static final Logger log = LoggerFactory.getLogger(ClientProtocolNegotiator.class);

    private final ClientChannelInitializer chains;

    ClientProtocolNegotiator(ClientChannelInitializer chains) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.chains = chains;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            chains.addHttp2Handlers(ctx.pipeline());
        } else {
            chains.addHttp1Handlers(ctx.pipeline(), "https");
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // Scanners, old clients (TLS 1.0/1.1) and plain HTTP sent to the TLS port: everyday, not errors.
        log.debug("client TLS handshake with {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client TLS connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
