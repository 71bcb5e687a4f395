package io.cutover.loadtest.load.compare;

import io.cutover.loadtest.load.ConnectionMix;
import io.cutover.loadtest.load.LoadGenerator;
import io.cutover.loadtest.load.LoadHooks;
import io.cutover.loadtest.load.LoadModel;
import io.cutover.loadtest.load.LoadPlan;
import io.cutover.loadtest.load.RequestCorpus;
import io.cutover.loadtest.load.RequestMix;
import io.cutover.loadtest.sandbox.ServeProcess;
import io.cutover.proxy.config.TransportKind;
import io.cutover.proxy.server.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much memory Cutover needs to hold many idle keep-alive client connections: Cutover in a
 * process of its own in front of an nginx backend, warmed up, its RSS read; then {@code
 * connections} connections each send one click, read the answer and stay open, idle; RSS read
 * again. Cutover's idle timeout is 10 minutes here, so none is closed while they are opened.
 */
public final class IdleConnections {

    /** What the measurement found; RSS in KiB. */
    public record Outcome(int connections, int held, long rssBeforeKib, long rssAfterKib) {

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "%,d idle keep-alive client connections held (of %,d opened): Cutover's RSS %.1f MiB before,"
                            + " %.1f MiB with them (%.1f KiB a connection)",
                    held,
                    connections,
                    rssBeforeKib / 1024.0,
                    rssAfterKib / 1024.0,
                    held == 0 ? 0.0 : (rssAfterKib - rssBeforeKib) / (double) held);
        }
    }

    private IdleConnections() {}

    public static Outcome run(int connections, int warmUpClicks, List<String> jvmOptions, PrintStream err)
            throws Exception {
        Path nginx = Comparison.nginx();
        if (nginx == null) {
            throw new IllegalStateException("nginx is not installed; on Debian or Ubuntu: sudo apt-get install nginx");
        }
        Path dir = Files.createTempDirectory("cutover-idle");
        int[] ports = Comparison.freePorts(3);
        String user = "root".equals(System.getProperty("user.name")) ? "root" : null;
        Path backendDir = Files.createDirectories(dir.resolve("backend"));
        Files.createDirectories(backendDir.resolve("temp"));
        Files.writeString(backendDir.resolve("nginx.conf"), NginxConfig.backend(backendDir, ports[0], user));
        Path config = dir.resolve("cutover.yaml");
        Files.writeString(config, Comparison.cutoverConfig(dir, ports[1], ports[2], ports[0], 1, "10m"));
        try (TargetProcess backend = TargetProcess.start(
                        "backend",
                        Comparison.nginxCommand(nginx, backendDir),
                        ports[0],
                        backendDir.resolve("out.log"),
                        Duration.ofSeconds(10));
                TargetProcess cutover = TargetProcess.start(
                        "cutover",
                        ServeProcess.command(config, jvmOptions),
                        ports[1],
                        dir.resolve("cutover.log"),
                        Duration.ofSeconds(90))) {
            Comparison.awaitReady(ports[2], cutover);
            err.printf("backend nginx on :%d, Cutover on :%d%n", backend.port, cutover.port);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", ports[1]);
            err.printf("warm-up: %,d clicks on 16 connections%n", warmUpClicks);
            LoadGenerator.run(
                    LoadPlan.of(
                            target,
                            new LoadModel.Closed(16),
                            Duration.ofSeconds(60),
                            warmUpClicks,
                            RequestMix.only(RequestCorpus.mustShowClick()),
                            ConnectionMix.keepAlive(16)),
                    LoadHooks.quiet());
            System.gc();
            Thread.sleep(2000);
            long before = cutover.rssKib();
            err.printf(
                    "Cutover's RSS after the warm-up: %.1f MiB; opening %,d connections%n",
                    before / 1024.0, connections);
            Held held = hold(
                    target,
                    connections,
                    () -> {
                        try {
                            // Let the server settle (buffers released, nothing in flight) before reading.
                            Thread.sleep(3000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return cutover.rssKib();
                    },
                    err);
            return new Outcome(connections, held.open(), before, held.rssKib());
        } finally {
            Comparison.delete(dir);
        }
    }

    private record Held(int open, long rssKib) {}

    /** Opens the connections, one click each, reads {@code measure} while they are all open, closes them. */
    private static Held hold(
            InetSocketAddress target, int connections, java.util.function.LongSupplier measure, PrintStream err)
            throws InterruptedException {
        Transport transport = Transport.select(TransportKind.AUTO);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("cutover-idle", true), transport.ioHandlerFactory());
        byte[] request = ("GET " + RequestCorpus.mustShowClick().target()
                        + " HTTP/1.1\r\nHost: www.shareasale.com\r\nUser-Agent: cutover-idle\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicInteger answered = new AtomicInteger();
        List<Channel> channels = new ArrayList<>(connections);
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(transport.socketChannel())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    .addLast(new HttpResponseDecoder(), new SimpleChannelInboundHandler<HttpObject>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                            if (msg instanceof LastHttpContent) {
                                                answered.incrementAndGet();
                                            }
                                        }
                                    });
                        }
                    });
            // In batches, so the server's accept queue and the client's connects stay bounded.
            for (int start = 0; start < connections; start += 500) {
                int batch = Math.min(500, connections - start);
                CountDownLatch connected = new CountDownLatch(batch);
                for (int i = 0; i < batch; i++) {
                    bootstrap.connect(target).addListener(f -> {
                        if (f.isSuccess()) {
                            Channel channel = ((io.netty.channel.ChannelFuture) f).channel();
                            synchronized (channels) {
                                channels.add(channel);
                            }
                            channel.writeAndFlush(Unpooled.wrappedBuffer(request));
                        }
                        connected.countDown();
                    });
                }
                if (!connected.await(30, TimeUnit.SECONDS)) {
                    err.println("connections did not complete in 30 s; measuring what is open");
                    break;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() < channels.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long rss = measure.getAsLong();
            int open;
            synchronized (channels) {
                open = (int) channels.stream().filter(Channel::isActive).count();
            }
            err.printf("%,d connections open, %,d answered%n", open, answered.get());
            return new Held(open, rss);
        } finally {
            synchronized (channels) {
                channels.forEach(Channel::close);
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
