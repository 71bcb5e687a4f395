package io.cutover.proxy.origin;

import io.cutover.failover.Attempt;
import io.cutover.failover.Backend;
import io.cutover.failover.BackendFailure;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.flow.ClientHeaders;
import io.cutover.proxy.flow.Exchange;
import io.cutover.proxy.flow.ProxyHeaderNames;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One backend on one event loop, as the failover chain sees it: builds the origin request from
 * the exchange, sends it over a pooled keep-alive connection, and classifies what comes back.
 */
public final class OriginBackend implements Backend<Exchange, FullHttpResponse> {

    private final BackendSettings settings;
    private final OriginPool pool;
    private final Function<Exchange, String> target;
    private final Function<ClientHeaders, String> cookies;
    private final LongSupplier ticker;
    private final long responseTimeoutNanos;

    /**
     * @param target which request target the backend gets: the translated one for the primary,
     *     the original for legacy
     * @param cookies the client cookies this backend may see, as a {@code Cookie} value or {@code
     *     null}
     */
    OriginBackend(
            BackendSettings settings,
            OriginPool pool,
            Function<Exchange, String> target,
            Function<ClientHeaders, String> cookies,
            LongSupplier ticker) {
        this.settings = settings;
        this.pool = pool;
        this.target = target;
        this.cookies = cookies;
        this.ticker = ticker;
        this.responseTimeoutNanos = settings.responseTimeout().toNanos();
    }

    @Override
    public String name() {
        return settings.name();
    }

    LongSupplier ticker() {
        return ticker;
    }

    OriginPool pool() {
        return pool;
    }

    /** Must be called on this backend's event loop: the one of the client connection. */
    @Override
    public CompletionStage<Attempt<FullHttpResponse>> send(Exchange exchange, long deadlineNanos) {
        long now = ticker.getAsLong();
        long budget = Math.min(responseTimeoutNanos, deadlineNanos - now);
        if (budget <= 0) {
            return CompletableFuture.completedFuture(Attempt.failed(BackendFailure.DEADLINE, "no time left", 0));
        }
        String uri = target.apply(exchange);
        OriginCall call = new OriginCall(this, pool, exchange.policy(), () -> request(exchange, uri), now);
        return call.start(budget);
    }

    private FullHttpRequest request(Exchange exchange, String uri) {
        // No trailers: the empty ones of the default constructor would be a map per request.
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                exchange.method(),
                uri,
                Unpooled.EMPTY_BUFFER,
                DefaultHttpHeadersFactory.headersFactory().newHeaders(),
                EmptyHttpHeaders.INSTANCE);
        HttpHeaders h = request.headers();
        ClientHeaders client = exchange.headers();
        h.set(HttpHeaderNames.HOST, settings.hostHeader());
        if (exchange.eventId() != null) {
            h.set(ProxyHeaderNames.X_CUTOVER_EVENT_ID, exchange.eventId());
        }
        setIfPresent(h, HttpHeaderNames.USER_AGENT, client.userAgent());
        setIfPresent(h, HttpHeaderNames.ACCEPT, client.accept());
        setIfPresent(h, HttpHeaderNames.ACCEPT_LANGUAGE, client.acceptLanguage());
        setIfPresent(h, HttpHeaderNames.REFERER, client.referer());
        setIfPresent(h, HttpHeaderNames.COOKIE, cookies.apply(client));
        setIfPresent(h, ProxyHeaderNames.X_FORWARDED_FOR, client.forwardedFor());
        setIfPresent(h, ProxyHeaderNames.X_FORWARDED_PROTO, client.forwardedProto());
        setIfPresent(h, ProxyHeaderNames.FORWARDED, client.forwarded());
        setIfPresent(h, ProxyHeaderNames.X_FORWARDED_HOST, client.host());
        return request;
    }

    private static void setIfPresent(HttpHeaders headers, CharSequence name, String value) {
        if (value != null && !value.isEmpty()) {
            headers.set(name, value);
        }
    }
}
