package io.cutover.loadtest.testing;

import io.cutover.proxy.tls.LocalCertificates;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A merchant's web site for browser tests: fixed HTML pages over HTTPS with HTTP/2 (and HTTP/1.1)
 * offered by ALPN, its certificate from {@link LocalCertificates}. Records every request's target
 * and protocol.
 */
public final class HttpsPages implements AutoCloseable {

    /** One request the site got. */
    public record Visit(String uri, String protocol) {}

    private final EventLoopGroup group;
    private final Channel channel;
    private final List<Visit> visits = new CopyOnWriteArrayList<>();

    private HttpsPages(LocalCertificates certificates, Map<String, Function<String, String>> pages) throws Exception {
        SslContext tls = SslContextBuilder.forServer(
                        certificates.certificate().toFile(),
                        certificates.privateKey().toFile())
                .sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2,
                        ApplicationProtocolNames.HTTP_1_1))
                .build();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        ch.pipeline()
                                .addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                    @Override
                                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                        ChannelPipeline p = ctx.pipeline();
                                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                            p.addLast(Http2FrameCodecBuilder.forServer()
                                                    .build());
                                            p.addLast(new Http2MultiplexHandler(
                                                    new ChannelInitializer<Http2StreamChannel>() {
                                                        @Override
                                                        protected void initChannel(Http2StreamChannel stream) {
                                                            stream.pipeline()
                                                                    .addLast(
                                                                            new Http2StreamFrameToHttpObjectCodec(true))
                                                                    .addLast(new HttpObjectAggregator(65536))
                                                                    .addLast(new PageHandler(pages, "h2"));
                                                        }
                                                    }));
                                        } else {
                                            p.addLast(new HttpServerCodec())
                                                    .addLast(new HttpObjectAggregator(65536))
                                                    .addLast(new PageHandler(pages, "http/1.1"));
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    /**
     * Serves {@code pages}: path → page HTML made from the request's full target; any other path
     * is a 404.
     */
    public static HttpsPages start(LocalCertificates certificates, Map<String, Function<String, String>> pages)
            throws Exception {
        return new HttpsPages(certificates, pages);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Every request so far but favicons, in order. */
    public List<Visit> visits() {
        return List.copyOf(visits);
    }

    public void reset() {
        visits.clear();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class PageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Map<String, Function<String, String>> pages;
        private final String protocol;

        PageHandler(Map<String, Function<String, String>> pages, String protocol) {
            this.pages = pages;
            this.protocol = protocol;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String uri = request.uri();
            int question = uri.indexOf('?');
            String path = question < 0 ? uri : uri.substring(0, question);
            if (!path.equals("/favicon.ico")) {
                visits.add(new Visit(uri, protocol));
            }
            Function<String, String> page = pages.get(path);
            byte[] body = (page == null ? "not found" : page.apply(uri)).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    page == null ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response);
        }
    }
}
