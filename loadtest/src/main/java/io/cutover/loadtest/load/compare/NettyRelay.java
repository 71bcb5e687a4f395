package io.cutover.loadtest.load.compare;

import io.cutover.proxy.config.TransportKind;
import io.cutover.proxy.server.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The floor of Cutover's stack, for the comparison: a relay on the same Netty, transport and
 * event-loop count that does nothing but pass requests to the backend and answers back.
 *
 * <ul>
 *   <li>{@link Mode#HTTP}: Netty's HTTP/1.1 codec and aggregator on both sides, every message
 *       relayed unchanged. What any Netty HTTP proxy pays before it does its own work.
 *   <li>{@link Mode#BYTES}: no HTTP at all, bytes copied from one socket to the other. What the
 *       JVM and the transport cost.
 * </ul>
 *
 * <p>Each client connection gets its own keep-alive connection to the backend, opened before the
 * client's first byte is read, and the two close together. No limits, no timeouts, no log: it is a
 * measuring stick for loopback runs, not a proxy to put in front of anything.
 */
public final class NettyRelay implements AutoCloseable {

    /** What the relay understands of the traffic. */
    public enum Mode {
        HTTP,
        BYTES;

        static Mode of(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "http" -> HTTP;
                case "bytes" -> BYTES;
                default -> throw new IllegalArgumentException("mode: " + text + " (expected: http or bytes)");
            };
        }
    }

    /** The largest message the HTTP mode aggregates; the comparison's answers are a few hundred bytes. */
    private static final int MAX_MESSAGE = 1 << 20;

    private final EventLoopGroup group;
    private final Channel server;

    private NettyRelay(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /** Starts a relay on 127.0.0.1:{@code port} (0 for any) to {@code backend}. */
    public static NettyRelay start(int port, InetSocketAddress backend, Mode mode, int eventLoops)
            throws InterruptedException {
        Transport transport = Transport.select(TransportKind.AUTO);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                eventLoops, new DefaultThreadFactory("relay"), transport.ioHandlerFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel client) {
                            ChannelFuture origin = connect(client, backend, mode, transport);
                            if (mode == Mode.HTTP) {
                                client.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_MESSAGE));
                            }
                            client.pipeline().addLast(new Forward(origin.channel()));
                            origin.addListener((ChannelFutureListener) f -> {
                                if (f.isSuccess()) {
                                    client.config().setAutoRead(true);
                                } else {
                                    client.close();
                                }
                            });
                        }
                    })
                    .bind("127.0.0.1", port)
                    .sync()
                    .channel();
            return new NettyRelay(group, server);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    private static ChannelFuture connect(Channel client, InetSocketAddress backend, Mode mode, Transport transport) {
        return new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel origin) {
                        if (mode == Mode.HTTP) {
                            origin.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_MESSAGE));
                        }
                        origin.pipeline().addLast(new Forward(client));
                    }
                })
                .connect(backend);
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Writes whatever arrives to the other side, and closes it when this side closes. */
    private static final class Forward extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Forward(Channel other) {
            this.other = other;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (other.isActive()) {
                other.writeAndFlush(msg, other.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            other.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * {@code PORT BACKEND_PORT MODE [EVENT_LOOPS]}: runs until killed, as the comparison's
     * child process.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: NettyRelay PORT BACKEND_PORT http|bytes [EVENT_LOOPS]");
            System.exit(2);
        }
        NettyRelay relay = start(
                Integer.parseInt(args[0]),
                new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])),
                Mode.of(args[2]),
                args.length == 4 ? Integer.parseInt(args[3]) : 1);
        System.out.println("relay (" + args[2] + ") on 127.0.0.1:" + relay.port());
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
        Thread.currentThread().join();
    }
}
