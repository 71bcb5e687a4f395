package io.cutover.loadtest.sqs;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in front of the sandbox's SQS server, with an outage switch: while down, every
 * open connection is reset and every new one is reset as soon as it is accepted, so clients see
 * the endpoint fail as a real outage does (no answer, a reset), not a polite error.
 */
public final class FaultRelay implements AutoCloseable {

    private final EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    private final int targetPort;
    private volatile boolean down;

    private FaultRelay(String host, int port, int targetPort) {
        this.targetPort = targetPort;
        this.group =
                new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sqs-relay"), NioIoHandler.newFactory());
        try {
            this.server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel client) {
                            client.pipeline().addLast(new ClientSide());
                        }
                    })
                    .bind(host, port)
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            // Netty rethrows the bind's checked exception as it is.
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IllegalStateException(
                        "SQS port " + port + " on " + host + " is in use (expected: a free port)", e);
            }
            throw new IllegalStateException("SQS relay on " + host + ":" + port + " failed to start", e);
        }
    }

    /** Listens on {@code host:port} (0 picks a free port) and relays to {@code 127.0.0.1:targetPort}. */
    public static FaultRelay start(String host, int port, int targetPort) {
        return new FaultRelay(host, port, targetPort);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public boolean isDown() {
        return down;
    }

    /** Down: reset every connection, now and until {@link #up}. */
    public void down() {
        down = true;
        for (Channel connection : connections) {
            reset(connection);
        }
    }

    /** Relays again. */
    public void up() {
        down = false;
    }

    /** Closes with a TCP reset (SO_LINGER 0), on the channel's own loop; a closed one is left alone. */
    private static void reset(Channel channel) {
        channel.eventLoop().execute(() -> {
            if (!channel.isOpen()) {
                return;
            }
            if (channel instanceof SocketChannel socket) {
                try {
                    socket.config().setOption(ChannelOption.SO_LINGER, 0);
                } catch (io.netty.channel.ChannelException e) {
                    // Closed by its peer meanwhile: a plain close is all that is left.
                }
            }
            channel.close();
        });
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** The client's side: connects to the target on the same loop, then pipes both ways. */
    private final class ClientSide extends ChannelInboundHandlerAdapter {
        private Channel target;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            if (down) {
                reset(client);
                return;
            }
            connections.add(client);
            new Bootstrap()
                    .group(client.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new Pipe(client))
                    .connect("127.0.0.1", targetPort)
                    .addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            target = f.channel();
                            connections.add(target);
                            client.read();
                            target.read();
                        } else {
                            reset(client);
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            forward(ctx.channel(), target, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(target);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The target's side: pipes its bytes back to the client. */
    private final class Pipe extends ChannelInboundHandlerAdapter {
        private final Channel client;

        Pipe(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            forward(ctx.channel(), client, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(client);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private void forward(Channel from, Channel to, Object msg) {
        if (down) {
            // Nothing passes while down, not even on a connection that slipped past the switch.
            io.netty.util.ReferenceCountUtil.release(msg);
            reset(from);
            if (to != null) {
                reset(to);
            }
            return;
        }
        if (to == null || !to.isActive()) {
            io.netty.util.ReferenceCountUtil.release(msg);
            from.close();
            return;
        }
        to.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                from.read();
            } else {
                f.channel().close();
                from.close();
            }
        });
    }

    private static void closeOnFlush(Channel channel) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
