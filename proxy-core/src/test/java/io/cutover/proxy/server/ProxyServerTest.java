package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.config.TransportKind;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProxyServerTest {

    /**
     * Answers are a few hundred bytes written at once: with Nagle's algorithm on, the next one on a
     * keep-alive connection could wait for the client's delayed ACK (40 ms on Linux).
     */
    @ParameterizedTest
    @EnumSource(
            value = TransportKind.class,
            names = {"EPOLL", "NIO"})
    void acceptedConnectionsSendWithoutNagleDelay(TransportKind kind) throws Exception {
        Transport transport = Transport.select(kind);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        try (ProxyServer server =
                        ProxyServer.bind("test", "127.0.0.1", 0, group, transport, new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                accepted.complete(ch);
                            }
                        });
                Socket client = new Socket("127.0.0.1", server.port())) {
            assertThat(client.isConnected()).isTrue();
            Channel channel = accepted.get(5, TimeUnit.SECONDS);
            assertThat(channel.getClass().getSimpleName())
                    .startsWith(transport.name().equals("epoll") ? "Epoll" : "Nio");
            assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            assertThat(channel.config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
