package io.cutover.proxy.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.cutover.mapping.LinkKind;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.flow.ClientHeaders;
import io.cutover.proxy.flow.Exchange;
import io.cutover.proxy.testing.NettyLeaks;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An answer that arrives after the deadline, on real loopback sockets (an {@code EmbeddedChannel}
 * cannot let bytes arrive on a connection the call already closed): the call has failed in time,
 * the late bytes never become an answer, and the next call gets a new connection.
 */
@ExtendWith(NettyLeaks.class)
class OriginLateAnswerTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch lateAnswerSent = new CountDownLatch(1);
    private Channel server;
    private OriginPool pool;
    private OriginBackend backend;
    private EventLoop loop;

    @BeforeEach
    void start() throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024), new SlowOrigin());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        BackendSettings settings = new BackendSettings(
                "primary",
                URI.create("http://127.0.0.1:" + port),
                "127.0.0.1:" + port,
                Duration.ofMillis(500),
                Duration.ofMillis(150),
                4,
                Duration.ofSeconds(20),
                64 * 1024);
        loop = group.next();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .remoteAddress("127.0.0.1", port)
                .handler(new OriginChannelInitializer(settings, null));
        pool = new OriginPool(loop, bootstrap::connect, settings.maxConnections());
        backend = new OriginBackend(settings, pool, Exchange::uri, headers -> null, System::nanoTime);
    }

    @AfterEach
    void stop() {
        loop.submit(() -> pool.close()).syncUninterruptibly();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers {@code /slow} after 2 s and anything else at once. */
    private final class SlowOrigin extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean slow = request.uri().equals("/slow");
            Runnable answer = () -> {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND);
                response.headers().set(HttpHeaderNames.LOCATION, "https://shop.example/");
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(response).addListener(done -> {
                    if (slow) {
                        lateAnswerSent.countDown();
                    }
                });
            };
            if (slow) {
                ctx.executor().schedule(answer, 2, TimeUnit.SECONDS);
            } else {
                answer.run();
            }
        }
    }

    private Attempt<FullHttpResponse> send(String uri) throws Exception {
        ClientHeaders headers =
                new ClientHeaders("www.shareasale.com", null, null, null, null, null, "192.0.2.1", null, null);
        Exchange exchange =
                new Exchange("ev-1", LinkKind.BANNER_CLICK, HttpMethod.GET, uri, null, headers, System.nanoTime());
        CompletableFuture<Attempt<FullHttpResponse>> result = loop.submit(
                        () -> backend.send(exchange, System.nanoTime() + TimeUnit.SECONDS.toNanos(1))
                                .toCompletableFuture())
                .get(5, TimeUnit.SECONDS);
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void failsInTimeAndNeverTakesTheLateAnswer() throws Exception {
        Attempt<FullHttpResponse> slow = send("/slow");

        assertThat(slow)
                .isInstanceOfSatisfying(
                        Attempt.Failed.class,
                        failed -> assertThat(failed.failure()).isEqualTo(BackendFailure.READ_TIMEOUT));
        assertThat(lateAnswerSent.getCount())
                .as("failed by its 150 ms budget, before the origin's answer at 2 s")
                .isEqualTo(1);
        assertThat(lateAnswerSent.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.submit(pool::size).get(5, TimeUnit.SECONDS))
                .as("the timed-out connection is closed, not pooled")
                .isZero();

        Attempt<FullHttpResponse> next = send("/fast");

        assertThat(next).isInstanceOfSatisfying(Attempt.Answered.class, answered -> {
            assertThat(answered.status()).isEqualTo(302);
            ((FullHttpResponse) answered.response()).release();
        });
        assertThat(accepted.get()).as("the next call had a new connection").isEqualTo(2);
    }
}
