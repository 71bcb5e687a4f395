package io.cutover.proxy.flow;

import io.cutover.failover.Deadline;
import io.cutover.failover.FailoverChain;
import io.cutover.failover.Fate;
import io.cutover.failover.LocalAnswer;
import io.cutover.failover.Route;
import io.cutover.failover.queue.DurableRetryQueue;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.queue.QueuedEventCodec;
import io.cutover.failover.queue.RetryQueue;
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
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request's way, in one pass: classify, translate, route (primary → legacy → local), respond,
 * and tell the observer the event's fate. Plain steps over immutable values; the Netty handler
 * only reads the request and writes what this returns.
 *
 * <p>A local answer waits until its event is durable in the retry queue (SQS acknowledged, or
 * spooled and fsync'd): the queue's stage completes on its own threads, and the answer is built
 * back on the connection's event loop, which never waits. The queue's bounded wait is kept out of
 * the backends' share of the deadline, so the answer still leaves in time.
 */
public final class TrackingFlow {

    private static final Logger log = LoggerFactory.getLogger(TrackingFlow.class);
    /** The queued reason of a conversion over its client's rate. */
    static final String RATE_LIMITED = "rate_limited";

    private final Supplier<Translator> translator;
    private final Origins origins;
    private final EventIds eventIds;
    private final Deadlines deadlines;
    private final String fallbackLanding;
    private final ClientResponses responses;
    private final FlowObserver observer;
    private final RetryQueue retryQueue;
    private final Duration queueReserve;
    private final Clock clock;
    private final LongSupplier ticker;
    private final RedirectGuard redirects;
    private final ClientRateLimit rateLimit;

    /**
     * @param translator the current translator; a reload swaps what it returns
     * @param fallbackLanding where a click lands when nothing better is known
     * @param retryQueue where locally answered events go before their answer leaves
     * @param queueReserve the part of each deadline kept for the retry queue's wait
     * @param clock the wall clock of queued events' times
     * @param redirects the guard every click's {@code Location} passes
     * @param rateLimit each client's allowance: a click over it is answered 429, a conversion
     *     over it is queued for replay (and answered with the GIF), never dropped
     */
    public TrackingFlow(
            Supplier<Translator> translator,
            Origins origins,
            EventIds eventIds,
            Deadlines deadlines,
            String fallbackLanding,
            ClientResponses responses,
            FlowObserver observer,
            RetryQueue retryQueue,
            Duration queueReserve,
            Clock clock,
            LongSupplier ticker,
            RedirectGuard redirects,
            ClientRateLimit rateLimit) {
        this.rateLimit = rateLimit;
        this.translator = translator;
        this.origins = origins;
        this.eventIds = eventIds;
        this.deadlines = deadlines;
        this.fallbackLanding = fallbackLanding;
        this.responses = responses;
        this.observer = observer;
        this.retryQueue = retryQueue;
        this.queueReserve = queueReserve;
        this.clock = clock;
        this.ticker = ticker;
        this.redirects = redirects;
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
        long wait = rateLimit.admit(headers.clientIp());
        if (!kind.isTracked()) {
            Exchange exchange = new Exchange(null, kind, method, uri, null, headers, start);
            if (wait > 0) {
                rateLimit.limited(EventRecorder.kindTag(kind));
                observer.passedThrough(exchange, 429, null, ticker.getAsLong() - start);
                return CompletableFuture.completedFuture(tooMany(wait, null));
            }
            return passThrough(chain, exchange);
        }
        String eventId = eventIds.next().toString();
        long receivedAt = clock.millis();
        observer.received(kind, eventId);
        if (wait > 0 && kind.isClick()) {
            rateLimit.limited(EventRecorder.kindTag(kind));
            observer.rejected(
                    kind, RejectReason.RATE_LIMITED, eventId, uri, headers.clientIp(), ticker.getAsLong() - start);
            return CompletableFuture.completedFuture(tooMany(wait, eventId));
        }
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
        if (wait > 0) {
            // A conversion over its client's rate still counts: it waits in the retry queue, the
            // replayer delivers it, and the merchant's page gets its GIF now.
            rateLimit.limited(EventRecorder.kindTag(kind));
            return answerWhenDurable(loop, exchange, Route.local(List.of()), receivedAt, RATE_LIMITED);
        }
        Duration budget = kind.isClick() ? deadlines.click() : deadlines.conversion();
        boolean head = method.equals(HttpMethod.HEAD);
        return chain.route(exchange, mapping instanceof Mapped, Deadline.after(budget.minus(queueReserve), ticker))
                .thenCompose(route -> {
                    if (route.isLocal()) {
                        return answerWhenDurable(loop, exchange, route, receivedAt, route.summary());
                    }
                    FullHttpResponse response = kind.isClick()
                            ? responses.relay(route.response(), eventId, head, exchange, route.fate())
                            : responses.pixel(route.response(), eventId, exchange, route.fate());
                    if (kind.isClick()) {
                        redirects.enforce(
                                response,
                                exchange,
                                route.fate() == Fate.PRIMARY
                                        ? RedirectGuard.Source.PRIMARY
                                        : RedirectGuard.Source.LEGACY);
                    }
                    observer.tracked(
                            exchange, route.fate(), response.status().code(), route, ticker.getAsLong() - start);
                    return CompletableFuture.completedFuture(response);
                });
    }

    /**
     * Queues the event, then answers on the event loop once it is durable. A queue that fails
     * unexpectedly still lets the shopper land: the event is then counted as {@link
     * Fate#OVERFLOW} and logged whole.
     */
    private CompletionStage<FullHttpResponse> answerWhenDurable(
            EventLoop loop, Exchange exchange, Route<FullHttpResponse> route, long receivedAt, String reason) {
        QueuedEvent event = QueuedEvents.of(exchange, reason, receivedAt);
        CompletableFuture<FullHttpResponse> answered = new CompletableFuture<>();
        CompletionStage<Fate> durable;
        try {
            durable = retryQueue.enqueue(event);
        } catch (RuntimeException e) {
            durable = CompletableFuture.failedFuture(e);
        }
        durable.whenComplete((fate, error) -> {
            if (error != null) {
                log.error("{} {}", DurableRetryQueue.OVERFLOW_MARK, QueuedEventCodec.encode(event), error);
            }
            Runnable answer = () -> {
                FullHttpResponse response = responses.local(localAnswer(exchange), exchange.eventId());
                if (exchange.kind().isClick()) {
                    redirects.enforce(response, exchange, RedirectGuard.Source.LOCAL);
                }
                observer.tracked(
                        exchange,
                        error == null ? fate : Fate.OVERFLOW,
                        response.status().code(),
                        route,
                        ticker.getAsLong() - exchange.startNanos());
                answered.complete(response);
            };
            if (loop.inEventLoop()) {
                answer.run();
            } else {
                try {
                    loop.execute(answer);
                } catch (RejectedExecutionException e) {
                    // The loop is shutting down: the event is durable, only its connection goes.
                    answered.completeExceptionally(e);
                }
            }
        });
        return answered;
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
                            : responses.relay(route.response(), null, head, exchange);
                    observer.passedThrough(
                            exchange, response.status().code(), route, ticker.getAsLong() - exchange.startNanos());
                    return response;
                });
    }

    /** A 429 whose {@code Retry-After} says when the client's next request would be admitted. */
    private static FullHttpResponse tooMany(long waitNanos, String eventId) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return ClientResponses.error(
                HttpResponseStatus.TOO_MANY_REQUESTS,
                "too many requests from this client (rate-limit.requests-per-second)",
                eventId,
                Map.of(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds)));
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
