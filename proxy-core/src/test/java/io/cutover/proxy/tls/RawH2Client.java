package io.cutover.proxy.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP/2 client at the frame level, over TLS with ALPN {@code h2}: it writes exactly the
 * frames a test asks for (so it can break the rules a well-behaved client keeps, such as the
 * server's stream limit) and records every frame the server sends.
 */
final class RawH2Client implements AutoCloseable {

    /**
     * A frame the server sent; {@code errorCode} for RST_STREAM and GOAWAY, {@code data} (as
     * ISO-8859-1) for DATA.
     */
    record Frame(String type, int streamId, Http2Headers headers, long errorCode, boolean endStream, String data) {

        Frame(String type, int streamId, Http2Headers headers, long errorCode, boolean endStream) {
            this(type, streamId, headers, errorCode, endStream, null);
        }
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final String authority;
    private volatile ChannelHandlerContext ctx;
    private int nextStreamId = 1;

    private RawH2Client(int port, Path ca, String serverName) throws Exception {
        this.authority = serverName + ":" + port;
        SslContext tls = SslContextBuilder.forClient()
                .trustManager(ca.toFile())
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<ChannelHandlerContext> ready = new CompletableFuture<>();
        channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = tls.newHandler(ch.alloc(), serverName, port);
                        ch.pipeline().addLast(ssl);
                        ch.pipeline().addLast(new FrameDecoder());
                        ssl.handshakeFuture().addListener(done -> {
                            if (!done.isSuccess()) {
                                ready.completeExceptionally(done.cause());
                                return;
                            }
                            ChannelHandlerContext decoder = ch.pipeline().lastContext();
                            ctx = decoder;
                            ch.write(Http2CodecUtil.connectionPrefaceBuf());
                            writer.writeSettings(decoder, new Http2Settings(), decoder.newPromise());
                            ch.flush();
                            ready.complete(decoder);
                        });
                    }
                })
                .connect("127.0.0.1", port)
                .syncUninterruptibly()
                .channel();
        ready.get(10, TimeUnit.SECONDS);
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (!ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
            throw new IllegalStateException("ALPN chose " + ssl.applicationProtocol() + ", not h2");
        }
    }

    static RawH2Client connect(int port, Path ca) throws Exception {
        return new RawH2Client(port, ca, "localhost");
    }

    /** The request headers of a GET for {@code path}. */
    Http2Headers get(String path) {
        return new DefaultHttp2Headers()
                .method("GET")
                .scheme("https")
                .authority(authority)
                .path(path);
    }

    /** The request headers of a POST for {@code path} announcing a body of {@code contentLength} bytes. */
    Http2Headers post(String path, int contentLength) {
        return new DefaultHttp2Headers()
                .method("POST")
                .scheme("https")
                .authority(authority)
                .path(path)
                .setInt("content-length", contentLength);
    }

    /** Sends HEADERS (end of stream) on a new stream; returns its id. Not flushed until {@link #flush}. */
    int request(Http2Headers headers) {
        return request(headers, true);
    }

    /** Sends HEADERS on a new stream, ending it or not; returns its id. Not flushed until {@link #flush}. */
    int request(Http2Headers headers, boolean endStream) {
        int id = nextStreamId;
        nextStreamId += 2;
        onLoop(() -> writer.writeHeaders(ctx, id, headers, 0, endStream, ctx.newPromise()));
        return id;
    }

    /** Sends one DATA frame of {@code length} bytes {@code x}. Not flushed until {@link #flush}. */
    void data(int streamId, int length, boolean endStream) {
        onLoop(() -> writer.writeData(
                ctx,
                streamId,
                Unpooled.wrappedBuffer("x".repeat(length).getBytes(StandardCharsets.US_ASCII)),
                0,
                endStream,
                ctx.newPromise()));
    }

    /** Sends RST_STREAM(CANCEL) on a stream. */
    void reset(int streamId) {
        onLoop(() -> writer.writeRstStream(ctx, streamId, 0x8, ctx.newPromise()));
    }

    void flush() {
        onLoop(() -> ctx.flush());
    }

    private void onLoop(Runnable task) {
        channel.eventLoop().submit(task).syncUninterruptibly();
    }

    /** The first frame the server sent that matches, waiting up to {@code seconds}; null if none. */
    Frame await(Predicate<Frame> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (Frame frame : frames) {
                if (wanted.test(frame)) {
                    return frame;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    /** Every frame the server sent so far. */
    List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** The response headers (or reset) of a stream. */
    Frame answer(int streamId, long seconds) throws InterruptedException {
        return await(
                f -> f.streamId() == streamId
                        && (f.type().equals("HEADERS") || f.type().equals("RST_STREAM")),
                seconds);
    }

    boolean isOpen() {
        return channel.isActive();
    }

    /** Waits until the server closed the connection. */
    boolean awaitClosed(long seconds) {
        return channel.closeFuture().awaitUninterruptibly(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** Reads frames as they complete and records them. */
    private final class FrameDecoder extends ByteToMessageDecoder {

        private final DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader();
        private final Recorder recorder = new Recorder();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Http2Exception {
            reader.readFrame(ctx, in, recorder);
        }

        @Override
        protected void handlerRemoved0(ChannelHandlerContext ctx) {
            reader.close();
        }
    }

    private final class Recorder extends Http2FrameAdapter {

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
            frames.add(new Frame("HEADERS", streamId, headers, 0, endOfStream));
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx,
                int streamId,
                Http2Headers headers,
                int streamDependency,
                short weight,
                boolean exclusive,
                int padding,
                boolean endOfStream) {
            frames.add(new Frame("HEADERS", streamId, headers, 0, endOfStream));
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            frames.add(new Frame("DATA", streamId, null, 0, endOfStream, data.toString(StandardCharsets.ISO_8859_1)));
            return data.readableBytes() + padding;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            frames.add(new Frame("RST_STREAM", streamId, null, errorCode, true));
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            frames.add(new Frame("GOAWAY", 0, null, errorCode, true));
        }

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            writer.writeSettingsAck(ctx, ctx.newPromise());
            ctx.flush();
            frames.add(new Frame("SETTINGS", 0, null, 0, false));
        }
    }
}
