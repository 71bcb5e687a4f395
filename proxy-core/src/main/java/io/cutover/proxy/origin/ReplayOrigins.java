package io.cutover.proxy.origin;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.cutover.failover.ResponsePolicy;
import io.cutover.failover.replay.ReplayDelivery;
import io.cutover.failover.replay.ReplayRequest;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.config.TlsSettings;
import io.cutover.proxy.server.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The replayer's way to the platforms: the same origin client as live requests ({@link
 * OriginPool}, {@link OriginCall}, the same pipeline, TLS, {@code Host} header and timeouts), on
 * one event loop of its own with pools of its own. Replays then never take a connection or a loop
 * turn from a shopper's request, and their number in flight is the replayer's {@code concurrency}
 * whatever the pools allow.
 */
public final class ReplayOrigins implements AutoCloseable {

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final DnsAddressResolverGroup resolver;
    private final List<OriginPool> pools = new ArrayList<>();
    private final OriginReplay primary;
    private final OriginReplay legacy;

    public ReplayOrigins(
            Transport transport, BackendSettings primary, Optional<BackendSettings> legacy, LongSupplier ticker) {
        this(transport, primary, legacy, ticker, TlsSettings.none());
    }

    /** @param trust the CAs each backend's certificate is checked against, beyond the JDK's */
    public ReplayOrigins(
            Transport transport,
            BackendSettings primary,
            Optional<BackendSettings> legacy,
            LongSupplier ticker,
            TlsSettings trust) {
        this.group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("cutover-replay-io", true), transport.ioHandlerFactory());
        this.loop = group.next();
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel())
                .socketChannelType(transport.socketChannel()));
        this.primary = replay(transport, primary, ticker, trust);
        this.legacy = legacy.map(settings -> replay(transport, settings, ticker, trust))
                .orElse(null);
    }

    public ReplayDelivery primary() {
        return primary;
    }

    /** Empty when no legacy backend is configured. */
    public Optional<ReplayDelivery> legacy() {
        return Optional.ofNullable(legacy);
    }

    private OriginReplay replay(Transport transport, BackendSettings settings, LongSupplier ticker, TlsSettings trust) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .resolver(resolver)
                .remoteAddress(InetSocketAddress.createUnresolved(settings.host(), settings.port()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new OriginChannelInitializer(settings, Origins.tls(settings, trust)));
        OriginPool pool = new OriginPool(loop, bootstrap::connect, settings.maxConnections());
        pools.add(pool);
        return new OriginReplay(settings, pool, ticker);
    }

    /** Closes the pools, the loop and the resolver; replays in flight fail and come back later. */
    @Override
    public void close() {
        loop.submit(() -> pools.forEach(OriginPool::close)).awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        resolver.close();
    }

    /** One backend's replays: a GET with the replay's headers and the backend's Host. */
    private final class OriginReplay implements ReplayDelivery {

        private final BackendSettings settings;
        private final OriginPool pool;
        private final OriginBackend backend;
        private final LongSupplier ticker;
        private final long timeoutNanos;

        OriginReplay(BackendSettings settings, OriginPool pool, LongSupplier ticker) {
            this.settings = settings;
            this.pool = pool;
            // Only its clock is used: OriginCall measures through the backend.
            this.backend = new OriginBackend(settings, pool, exchange -> null, headers -> null, ticker);
            this.ticker = ticker;
            this.timeoutNanos = settings.responseTimeout().toNanos();
        }

        @Override
        public String name() {
            return settings.name();
        }

        @Override
        public CompletionStage<Attempt<Void>> deliver(ReplayRequest request) {
            CompletableFuture<Attempt<Void>> result = new CompletableFuture<>();
            try {
                loop.execute(() -> send(request, result));
            } catch (RuntimeException e) {
                // The loop is shutting down: nothing was sent.
                result.complete(Attempt.failed(BackendFailure.WRITE, String.valueOf(e), 0));
            }
            return result;
        }

        private void send(ReplayRequest request, CompletableFuture<Attempt<Void>> result) {
            OriginCall call =
                    new OriginCall(backend, pool, ResponsePolicy.REPLAY, () -> request(request), ticker.getAsLong());
            call.start(timeoutNanos).whenComplete((attempt, failure) -> {
                if (failure != null) {
                    result.complete(Attempt.failed(BackendFailure.WRITE, String.valueOf(failure), 0));
                } else if (attempt instanceof Attempt.Answered<FullHttpResponse> answered) {
                    answered.response().release();
                    result.complete(new Attempt.Answered<>(null, answered.status(), answered.nanos()));
                } else {
                    Attempt.Failed<FullHttpResponse> failed = (Attempt.Failed<FullHttpResponse>) attempt;
                    result.complete(
                            new Attempt.Failed<>(failed.failure(), failed.status(), failed.detail(), failed.nanos()));
                }
            });
        }

        private FullHttpRequest request(ReplayRequest replay) {
            FullHttpRequest request = new DefaultFullHttpRequest(
                    HttpVersion.HTTP_1_1, HttpMethod.GET, replay.uri(), Unpooled.EMPTY_BUFFER);
            request.headers().set(HttpHeaderNames.HOST, settings.hostHeader());
            replay.headers().forEach(request.headers()::set);
            return request;
        }
    }
}
