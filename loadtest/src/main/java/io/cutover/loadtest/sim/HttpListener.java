package io.cutover.loadtest.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.net.BindException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keep-alive HTTP/1.1 listening socket of a simulator (or HTTPS, with HTTP/2 and HTTP/1.1). It binds with an error that names the
 * port, numbers and tracks its accepted connections, and can close the socket together with every
 * connection and later bind the same port again: that is the {@code down} fault, and killing the
 * accepted connections too is what makes a client's pooled keep-alive connections die with it.
 */
final class HttpListener {

    static final String TLS = "tls";
    static final String ALPN = "alpn";
    static final String H2_CODEC = "h2Codec";
    static final String H2_STREAMS = "h2Streams";
    static final String CODEC = "codec";
    static final String KEEP_ALIVE = "keepAlive";
    static final String AGGREGATOR = "aggregator";
    static final String HANDLER = "handler";

    /** Landing URLs ride in the request line, so allow long ones; bodies are never expected. */
    private static final int MAX_INITIAL_LINE_LENGTH = 16 * 1024;

    private static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CONTENT_LENGTH = 64 * 1024;
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);

    private final String description;
    private final InetAddress address;
    private final AtomicLong connectionIds = new AtomicLong();
    private final SslContext tls;

    private LongFunction<ChannelHandler> handlerPerConnection;
    private ServerBootstrap bootstrap;
    private ChannelGroup connections;
    private volatile ReleasableServerSocketChannel serverChannel;
    private volatile int port;
    // Checked as each connection is set up: one accepted just as the listener goes down is closed.
    private volatile boolean accepting;

    /** @param description names the listener in errors, e.g. {@code simulated Awin tracking listener} */
    HttpListener(String description, InetAddress address) {
        this(description, address, null);
    }

    /**
     * @param tls serves HTTPS with ALPN choosing HTTP/2 or HTTP/1.1; {@code null} serves plain
     *     HTTP/1.1
     */
    HttpListener(String description, InetAddress address, SslContext tls) {
        this.description = description;
        this.address = address;
        this.tls = tls;
    }

    /**
     * Binds on {@code group}, waiting until bound. Called once; {@link #rebind} binds again.
     *
     * @param handlerPerConnection makes the request handler for each new connection, given its ID
     * @throws IllegalStateException naming the address and port when the bind fails
     */
    void bind(EventLoopGroup group, int requestedPort, LongFunction<ChannelHandler> handlerPerConnection) {
        this.handlerPerConnection = handlerPerConnection;
        connections = new DefaultChannelGroup(description, group.next());
        bootstrap = new ServerBootstrap()
                .group(group)
                .channelFactory((ChannelFactory<ServerChannel>) ReleasableServerSocketChannel::new)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Initializer());
        accepting = true;
        ChannelFuture bound = bootstrap.bind(address, requestedPort).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            accepting = false;
            throw bindFailure(requestedPort, bound.cause());
        }
        serverChannel = (ReleasableServerSocketChannel) bound.channel();
        port = serverChannel.localAddress().getPort();
    }

    /** The bound port (stays the same across {@link #unbind} and {@link #rebind}). */
    int port() {
        return port;
    }

    /**
     * Closes the listening socket, waits until the port is released, then closes every accepted
     * connection; completes when all are closed.
     */
    CompletableFuture<Void> unbind() {
        accepting = false;
        if (connections == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ReleasableServerSocketChannel server = serverChannel;
        serverChannel = null;
        Runnable closeConnections = () -> connections.close().addListener(all -> done.complete(null));
        if (server == null) {
            closeConnections.run();
        } else {
            EventLoop loop = server.eventLoop();
            long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
            server.close()
                    .addListener(closed -> loop.execute(() -> whenReleased(server, loop, deadline, closeConnections)));
        }
        return done;
    }

    /** Polls on the event loop: each timer wake-up gives the selector a pass to deregister the socket. */
    private void whenReleased(ReleasableServerSocketChannel server, EventLoop loop, long deadline, Runnable then) {
        if (server.isReleased()) {
            then.run();
        } else if (System.nanoTime() - deadline > 0) {
            log.warn("{}: port {} not released after {}; carrying on", description, port, RELEASE_TIMEOUT);
            then.run();
        } else {
            loop.schedule(() -> whenReleased(server, loop, deadline, then), 1, TimeUnit.MILLISECONDS);
        }
    }

    /** Binds the same port again after {@link #unbind}; completes when bound. */
    CompletableFuture<Void> rebind() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        accepting = true;
        bootstrap.bind(address, port).addListener((ChannelFuture bound) -> {
            if (bound.isSuccess()) {
                serverChannel = (ReleasableServerSocketChannel) bound.channel();
                done.complete(null);
            } else {
                accepting = false;
                done.completeExceptionally(bindFailure(port, bound.cause()));
            }
        });
        return done;
    }

    private IllegalStateException bindFailure(int requestedPort, Throwable cause) {
        String where = address.getHostAddress() + ":" + requestedPort;
        String why = cause instanceof BindException
                ? "port " + requestedPort + " is already in use or not available"
                : String.valueOf(cause);
        return new IllegalStateException(description + ": cannot bind " + where + ": " + why, cause);
    }

    /** Builds each connection's pipeline in flow order: bytes ⇄ HTTP messages ⇄ whole requests ⇄ handler. */
    private final class Initializer extends ChannelInitializer<SocketChannel> {

        @Override
        protected void initChannel(SocketChannel channel) {
            connections.add(channel);
            if (!accepting) {
                channel.close();
                return;
            }
            long connectionId = connectionIds.incrementAndGet();
            ChannelPipeline pipeline = channel.pipeline();
            if (tls == null) {
                addHttp1(pipeline, connectionId);
                return;
            }
            pipeline.addLast(TLS, tls.newHandler(channel.alloc()));
            pipeline.addLast(ALPN, new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                        addHttp2(ctx.pipeline(), connectionId);
                    } else {
                        addHttp1(ctx.pipeline(), connectionId);
                    }
                }
            });
        }
    }

    private void addHttp1(ChannelPipeline pipeline, long connectionId) {
        pipeline.addLast(
                CODEC,
                new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                        .setMaxHeaderSize(MAX_HEADER_SIZE)));
        pipeline.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        pipeline.addLast(AGGREGATOR, new HttpObjectAggregator(MAX_CONTENT_LENGTH));
        pipeline.addLast(HANDLER, handlerPerConnection.apply(connectionId));
    }

    /** Each stream a request of its own, to a handler of its own, numbered as its connection. */
    private void addHttp2(ChannelPipeline pipeline, long connectionId) {
        pipeline.addLast(H2_CODEC, Http2FrameCodecBuilder.forServer().build());
        pipeline.addLast(H2_STREAMS, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(CODEC, new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(AGGREGATOR, new HttpObjectAggregator(MAX_CONTENT_LENGTH));
                stream.pipeline().addLast(HANDLER, handlerPerConnection.apply(connectionId));
            }
        }));
    }
}
