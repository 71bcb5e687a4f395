package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flushes asked for in one pass of an event loop leave together once the pass is over. */
class FlushBatchTest {

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<Channel> clients = new ArrayList<>();
    private Channel server;

    @BeforeEach
    void connect() throws InterruptedException {
        LocalAddress address = new LocalAddress("flush-batch-" + UUID.randomUUID());
        server = new ServerBootstrap()
                .group(loop)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf buf = (ByteBuf) msg;
                                received.add(buf.toString(StandardCharsets.US_ASCII));
                                buf.release();
                            }
                        });
                    }
                })
                .bind(address)
                .sync()
                .channel();
        for (int i = 0; i < 3; i++) {
            clients.add(new Bootstrap()
                    .group(loop)
                    .channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(address)
                    .sync()
                    .channel());
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        clients.forEach(Channel::close);
        server.close().sync();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void flushesEveryChannelOfAPassOnceThePassIsOver() throws Exception {
        List<Long> pendingAtTheEndOfThePass = loop.next()
                .submit(() -> {
                    List<Long> pending = new ArrayList<>();
                    for (int i = 0; i < clients.size(); i++) {
                        Channel client = clients.get(i);
                        client.write(Unpooled.copiedBuffer("answer " + i, StandardCharsets.US_ASCII));
                        FlushBatch.flushSoon(client);
                    }
                    for (Channel client : clients) {
                        pending.add(client.unsafe().outboundBuffer().totalPendingWriteBytes());
                    }
                    return pending;
                })
                .get(5, TimeUnit.SECONDS);

        // Nothing had left while the pass ran ...
        assertThat(pendingAtTheEndOfThePass).hasSize(3).allMatch(bytes -> bytes > 0);
        // ... and everything left after it, without another flush.
        List<String> got = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            got.add(received.poll(5, TimeUnit.SECONDS));
        }
        assertThat(got).containsExactlyInAnyOrder("answer 0", "answer 1", "answer 2");
    }

    @Test
    void flushesAtOnceOffTheChannelsEventLoop() throws Exception {
        Channel client = clients.get(0);
        client.write(Unpooled.copiedBuffer("from elsewhere", StandardCharsets.US_ASCII));
        FlushBatch.flushSoon(client);

        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("from elsewhere");
    }

    @Test
    void aChannelClosedBeforeThePassEndsDoesNotHoldUpTheOthers() throws Exception {
        loop.next()
                .submit(() -> {
                    for (int i = 0; i < clients.size(); i++) {
                        Channel client = clients.get(i);
                        client.write(Unpooled.copiedBuffer("answer " + i, StandardCharsets.US_ASCII));
                        FlushBatch.flushSoon(client);
                    }
                    clients.get(1).close();
                })
                .get(5, TimeUnit.SECONDS);

        List<String> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            got.add(received.poll(5, TimeUnit.SECONDS));
        }
        assertThat(got).containsExactlyInAnyOrder("answer 0", "answer 2");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
