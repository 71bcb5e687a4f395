package io.cutover.proxy.origin;

import io.cutover.failover.Backend;
import io.cutover.failover.FailoverChain;
import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.GuardedBackend;
import io.cutover.failover.guard.RetryPolicy;
import io.cutover.failover.guard.Scheduler;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.config.TlsSettings;
import io.cutover.proxy.flow.ClientHeaders;
import io.cutover.proxy.flow.Exchange;
import io.cutover.proxy.server.Transport;
import io.cutover.proxy.tls.PemFiles;
import io.cutover.proxy.tls.ServerCertificates;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * The backends for every event loop: one pool and one failover chain per loop, built at start and
 * never changed, so a request finds its chain without a lock. Each backend's guard and retry
 * policy are shared by all loops: a breaker judges the backend, not one loop's view of it.
 */
public final class Origins implements AutoCloseable {

    private final Map<EventExecutor, FailoverChain<Exchange, FullHttpResponse>> chains = new IdentityHashMap<>();
    private final List<OriginBackend> backends = new ArrayList<>();
    private final AddressResolverGroup<InetSocketAddress> resolver;

    /**
     * @param primaryCookies the client cookies the primary may see
     * @param legacyCookies the client cookies legacy may see
     * @param minimumAttemptNanos an attempt with less budget left is not started
     * @param guards each backend's guard, by name ({@code primary}, {@code legacy})
     * @param retries each backend's retry policy, by name
     * @param trust the CAs each backend's certificate is checked against, beyond the JDK's
     */
    public Origins(
            EventLoopGroup loops,
            Transport transport,
            BackendSettings primary,
            Optional<BackendSettings> legacy,
            Function<ClientHeaders, String> primaryCookies,
            Function<ClientHeaders, String> legacyCookies,
            LongSupplier ticker,
            long minimumAttemptNanos,
            Function<String, BackendGuard> guards,
            Function<String, RetryPolicy> retries,
            TlsSettings trust) {
        // Asynchronous DNS: the JDK resolver would block the event loop on every new connection.
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel())
                .socketChannelType(transport.socketChannel()));
        SslContext primaryTls = tls(primary, trust);
        SslContext legacyTls = legacy.map(settings -> tls(settings, trust)).orElse(null);
        for (EventExecutor executor : loops) {
            EventLoop loop = (EventLoop) executor;
            OriginBackend primaryBackend =
                    backend(loop, transport, primary, primaryTls, Exchange::primaryUri, primaryCookies, ticker);
            OriginBackend legacyBackend = legacy.map(settings ->
                            backend(loop, transport, settings, legacyTls, Exchange::uri, legacyCookies, ticker))
                    .orElse(null);
            Backend<Exchange, FullHttpResponse> guardedLegacy = legacyBackend == null
                    ? null
                    : new GuardedBackend<>(legacyBackend, guards.apply(legacyBackend.name()));
            Scheduler scheduler = (task, delayNanos) -> loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            FailoverChain<Exchange, FullHttpResponse> chain = new FailoverChain<>(
                            new GuardedBackend<>(primaryBackend, guards.apply(primaryBackend.name())),
                            guardedLegacy,
                            ticker,
                            minimumAttemptNanos)
                    .withRetries(
                            retries.apply(primaryBackend.name()),
                            legacyBackend == null ? RetryPolicy.none() : retries.apply(legacyBackend.name()),
                            scheduler);
            chains.put(loop, chain);
        }
    }

    private OriginBackend backend(
            EventLoop loop,
            Transport transport,
            BackendSettings settings,
            SslContext tls,
            Function<Exchange, String> target,
            Function<ClientHeaders, String> cookies,
            LongSupplier ticker) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .resolver(resolver)
                .remoteAddress(InetSocketAddress.createUnresolved(settings.host(), settings.port()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new OriginChannelInitializer(settings, tls));
        OriginPool pool = new OriginPool(loop, bootstrap::connect, settings.maxConnections());
        OriginBackend backend = new OriginBackend(settings, pool, target, cookies, ticker);
        backends.add(backend);
        return backend;
    }

    /**
     * The TLS client context for a backend (host name verified), or {@code null} for plain HTTP.
     * The certificate is checked against {@code backends.NAME.trust-ca} when set, else the JDK's
     * trust store.
     */
    static SslContext tls(BackendSettings settings, TlsSettings trust) {
        if (!settings.tls()) {
            return null;
        }
        Optional<Path> ca = trust.trustFor(settings.name());
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .protocols(ServerCertificates.PROTOCOLS)
                    .endpointIdentificationAlgorithm("HTTPS");
            if (ca.isPresent()) {
                builder.trustManager(PemFiles.certificates(ca.get()).toArray(new X509Certificate[0]));
            }
            return builder.build();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("backends." + settings.name() + ".trust-ca: " + e.getMessage(), e);
        } catch (SSLException e) {
            throw new IllegalStateException(
                    "backends." + settings.name() + ".url: " + settings.url()
                            + " (expected: a TLS client context could be built: " + e.getMessage() + ")",
                    e);
        }
    }

    /** The chain of the loop a client connection runs on. */
    public FailoverChain<Exchange, FullHttpResponse> chainFor(EventExecutor loop) {
        FailoverChain<Exchange, FullHttpResponse> chain = chains.get(loop);
        if (chain == null) {
            throw new IllegalStateException("no backends for event loop " + loop);
        }
        return chain;
    }

    /** Open origin connections over all loops, per backend name. Read on the loops; for tests and ops. */
    public Map<String, Integer> openConnections() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        List<Future<?>> pending = new ArrayList<>();
        for (OriginBackend backend : backends) {
            pending.add(backend.pool().loop().submit(() -> {
                synchronized (out) {
                    out.merge(backend.name(), backend.pool().size(), Integer::sum);
                }
            }));
        }
        for (Future<?> f : pending) {
            f.syncUninterruptibly();
        }
        return out;
    }

    /** Closes every pooled connection and the resolver. */
    @Override
    public void close() {
        List<Future<?>> pending = new ArrayList<>();
        for (OriginBackend backend : backends) {
            if (!backend.pool().loop().isShuttingDown()) {
                pending.add(backend.pool().loop().submit(() -> backend.pool().close()));
            }
        }
        for (Future<?> f : pending) {
            f.awaitUninterruptibly();
        }
        resolver.close();
    }
}
