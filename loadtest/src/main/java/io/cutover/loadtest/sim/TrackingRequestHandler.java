package io.cutover.loadtest.sim;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one connection's tracking requests under the fault in force when each arrives: records
 * the request first (so a client that saw an answer, or a reset, finds it in the records), then
 * answers, delays, or aborts. The request itself is released on return; answers are plain values
 * until written.
 */
final class TrackingRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(TrackingRequestHandler.class);

    private final long connectionId;
    private final TrackingRoutes routes;
    private final FaultSwitch faults;
    private final RequestLog records;
    private final Clock clock;

    // Completes once the previous answer on this connection is written. A pipelined request that
    // arrives during a slow answer must not overtake it. Touched only on the channel's event loop.
    private Future<?> previousAnswer;

    TrackingRequestHandler(
            long connectionId, TrackingRoutes routes, FaultSwitch faults, RequestLog records, Clock clock) {
        this.connectionId = connectionId;
        this.routes = routes;
        this.faults = faults;
        this.records = records;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            // Not a request any platform would count, so it is answered but not recorded.
            ResponseWriter.write(ctx, SimResponse.text(400, "malformed HTTP request"), false, true);
            return;
        }
        long arrivedAt = clock.millis();
        Fault fault = faults.current();
        SimRequest simRequest = SimRequest.of(request.method().name(), request.uri());
        String eventId = request.headers().get(ReceivedRequest.EVENT_ID_HEADER);
        Map<String, String> headers = recordedHeaders(request.headers());
        switch (fault.mode()) {
            case DOWN, RESET -> {
                records.append(arrivedAt, simRequest, eventId, headers, connectionId, fault, null);
                abort(ctx, fault.mode() == FaultMode.RESET);
            }
            case OK, SLOW, ERROR, ECHO -> {
                SimResponse answer = answer(simRequest, fault);
                records.append(arrivedAt, simRequest, eventId, headers, connectionId, fault, answer.status());
                respond(ctx, answer, simRequest.isHead(), fault.delay());
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly clients dropping connections mid-request; nothing to answer on a broken channel.
        log.debug("tracking connection {} failed; closing it", connectionId, cause);
        ctx.close();
    }

    private SimResponse answer(SimRequest request, Fault fault) {
        if (fault.mode() == FaultMode.ERROR) {
            return SimResponse.text(fault.status(), "simulated error " + fault.status());
        }
        if (!"GET".equals(request.method()) && !request.isHead()) {
            return SimResponse.text(405, "method not allowed: " + request.method())
                    .withHeader("Allow", "GET, HEAD");
        }
        if (fault.mode() == FaultMode.ECHO) {
            return routes.echo(request).orElseGet(() -> routes.answer(request));
        }
        return routes.answer(request);
    }

    /** Writes {@code answer} once {@code delay} has passed since arrival and every earlier answer is out. */
    private void respond(ChannelHandlerContext ctx, SimResponse answer, boolean head, Duration delay) {
        EventExecutor loop = ctx.executor();
        Promise<Void> due = loop.newPromise();
        if (delay.isZero()) {
            due.setSuccess(null);
        } else {
            // Scheduled on the event loop: a slow answer holds no thread, only a timer.
            loop.schedule(() -> due.trySuccess(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        Promise<Void> written = loop.newPromise();
        Future<?> before = previousAnswer;
        previousAnswer = written;
        Runnable write =
                () -> ResponseWriter.write(ctx, answer, head, false).addListener(done -> written.trySuccess(null));
        whenDone(before, () -> whenDone(due, write));
    }

    private static void whenDone(Future<?> future, Runnable action) {
        if (future == null || future.isDone()) {
            action.run();
        } else {
            future.addListener(done -> action.run());
        }
    }

    /** Closes without a response; {@code rst} sets SO_LINGER 0 so the close is an abortive RST. */
    private static void abort(ChannelHandlerContext ctx, boolean rst) {
        if (rst) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        ctx.close();
    }

    private static Map<String, String> recordedHeaders(HttpHeaders headers) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : ReceivedRequest.RECORDED_HEADERS) {
            List<String> values = headers.getAll(name);
            if (!values.isEmpty()) {
                selected.put(name, String.join("Cookie".equals(name) ? "; " : ", ", values));
            }
        }
        return selected;
    }
}
