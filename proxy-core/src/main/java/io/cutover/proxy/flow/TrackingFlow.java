package io.cutover.proxy.flow;

import io.cutover.failover.Deadline;
import io.cutover.failover.FailoverChain;
import io.cutover.failover.LocalAnswer;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.Rejected;
import io.cutover.mapping.RequestContext;
import io.cutover.mapping.Translator;
import io.cutover.mapping.Unmapped;
import io.cutover.proxy.EventIds;
import io.cutover.proxy.config.Deadlines;
import io.cutover.proxy.origin.Origins;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The request's way, in one pass: classify, translate, route (primary → legacy → local), respond,
 * and tell the observer the event's fate. Plain steps over immutable values; the Netty handler
 * only reads the request and writes what this returns.
 */
public final class TrackingFlow {

    private final Supplier<Translator> translator;
    private final Origins origins;
    private final EventIds eventIds;
    private final Deadlines deadlines;
    private final String fallbackLanding;
    private final ClientResponses responses;
    private final FlowObserver observer;
    private final LongSupplier ticker;

    /**
     * @param translator the current translator; a reload swaps what it returns
     * @param fallbackLanding where a click lands when nothing better is known
     */
    public TrackingFlow(
            Supplier<Translator> translator,
            Origins origins,
            EventIds eventIds,
            Deadlines deadlines,
            String fallbackLanding,
            ClientResponses responses,
            FlowObserver observer,
            LongSupplier ticker) {
        this.translator = translator;
        this.origins = origins;
        this.eventIds = eventIds;
        this.deadlines = deadlines;
        this.fallbackLanding = fallbackLanding;
        this.responses = responses;
        this.observer = observer;
        this.ticker = ticker;
    }

    public FlowObserver observer() {
        return observer;
    }

    public EventIds eventIds() {
        return eventIds;
    }

    /**
     * Handles one well-formed GET or HEAD request. The returned stage completes on {@code loop}
     * and never exceptionally.
     *
     * @param uri the request target in origin form
     * @param path its path, without the query
     * @param query its raw query without {@code ?}, or empty
     */
    public CompletionStage<FullHttpResponse> handle(
            EventLoop loop, HttpMethod method, String uri, String path, String query, ClientHeaders headers) {
        long start = ticker.getAsLong();
        LinkKind kind = LinkKind.ofPath(path);
        FailoverChain<Exchange, FullHttpResponse> chain = origins.chainFor(loop);
        if (!kind.isTracked()) {
            return passThrough(chain, new Exchange(null, kind, method, uri, null, headers, start));
        }
        String eventId = eventIds.next().toString();
        MappingResult mapping = translator.get().translate(kind, query, RequestContext.of(headers.cookie()));
        if (mapping instanceof Rejected rejected) {
            observer.rejected(
                    kind, RejectReason.UNUSABLE_LINK, eventId, uri, headers.clientIp(), ticker.getAsLong() - start);
            // A pixel sits in the merchant's thank-you page: the browser gets the GIF whatever the
            // query holds, and the reason goes to the observer (log, metrics), not to the shopper.
            return CompletableFuture.completedFuture(
                    kind.isClick()
                            ? ClientResponses.error(RejectReason.UNUSABLE_LINK.status(), rejected.reason(), eventId)
                            : responses.local(LocalAnswer.pixel(), eventId));
        }
        Exchange exchange = new Exchange(eventId, kind, method, uri, mapping, headers, start);
        Duration budget = kind.isClick() ? deadlines.click() : deadlines.conversion();
        boolean head = method.equals(HttpMethod.HEAD);
        return chain.route(exchange, mapping instanceof Mapped, Deadline.after(budget, ticker))
                .thenApply(route -> {
                    FullHttpResponse response = route.isLocal()
                            ? responses.local(localAnswer(exchange), eventId)
                            : kind.isClick()
                                    ? responses.relay(route.response(), eventId, head)
                                    : responses.pixel(route.response(), eventId);
                    observer.tracked(
                            exchange, route.fate(), response.status().code(), route, ticker.getAsLong() - start);
                    return response;
                });
    }

    private CompletionStage<FullHttpResponse> passThrough(
            FailoverChain<Exchange, FullHttpResponse> chain, Exchange exchange) {
        if (!chain.hasLegacy()) {
            FullHttpResponse response = ClientResponses.error(
                    HttpResponseStatus.NOT_FOUND, "not a tracking link (r.cfm, u.cfm, m-pr.cfm, sale.cfm)", null);
            observer.passedThrough(exchange, 404, null, ticker.getAsLong() - exchange.startNanos());
            return CompletableFuture.completedFuture(response);
        }
        boolean head = exchange.method().equals(HttpMethod.HEAD);
        return chain.route(exchange, false, Deadline.after(deadlines.passThrough(), ticker))
                .thenApply(route -> {
                    FullHttpResponse response = route.isLocal()
                            ? responses.local(LocalAnswer.unavailable("the legacy platform did not answer"), null)
                            : responses.relay(route.response(), null, head);
                    observer.passedThrough(
                            exchange, response.status().code(), route, ticker.getAsLong() - exchange.startNanos());
                    return response;
                });
    }

    /** Cutover's own answer: the shopper still lands (a click), the merchant's page still loads (a pixel). */
    private LocalAnswer localAnswer(Exchange exchange) {
        if (!exchange.kind().isClick()) {
            return LocalAnswer.pixel();
        }
        MappingResult mapping = exchange.mapping();
        if (mapping instanceof Mapped mapped) {
            return LocalAnswer.redirect(mapped.landing());
        }
        return LocalAnswer.redirect(((Unmapped) mapping).landing().orElse(fallbackLanding));
    }
}
