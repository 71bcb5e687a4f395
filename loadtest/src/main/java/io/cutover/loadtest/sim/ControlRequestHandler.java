package io.cutover.loadtest.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API on its own port, so a scenario, a shell or a test can steer a simulator that
 * runs in another process: {@code POST /fault?mode=...}, {@code GET /fault}, {@code GET
 * /received}, {@code POST /reset}. It is never subject to the faults it sets.
 */
final class ControlRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ControlRequestHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultSwitch faults;
    private final RequestLog records;

    ControlRequestHandler(FaultSwitch faults, RequestLog records) {
        this.faults = faults;
        this.records = records;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            ResponseWriter.write(ctx, SimResponse.text(400, "malformed HTTP request"), false, true);
            return;
        }
        SimRequest control = SimRequest.of(request.method().name(), request.uri());
        switch (control.path()) {
            case "/fault" -> fault(ctx, control);
            case "/received" -> {
                if (control.method().equals("GET")) {
                    write(ctx, control, json(records.snapshot()));
                } else {
                    write(ctx, control, methodNotAllowed(control, "GET"));
                }
            }
            case "/stats" -> {
                if (control.method().equals("GET")) {
                    write(ctx, control, json(records.stats()));
                } else {
                    write(ctx, control, methodNotAllowed(control, "GET"));
                }
            }
            case "/reset" -> {
                if (control.method().equals("POST")) {
                    records.clear();
                    answerWhenDone(ctx, control, faults.change(Fault.ok()));
                } else {
                    write(ctx, control, methodNotAllowed(control, "POST"));
                }
            }
            default ->
                write(
                        ctx,
                        control,
                        SimResponse.text(
                                404,
                                "not found: " + control.path() + " (expected: /fault, /received, /stats, /reset)"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("control connection failed; closing it", cause);
        ctx.close();
    }

    private void fault(ChannelHandlerContext ctx, SimRequest control) {
        switch (control.method()) {
            case "GET" -> write(ctx, control, json(faults.current()));
            case "POST" -> {
                Fault next;
                try {
                    next = FaultParameters.parse(control.params());
                } catch (IllegalArgumentException invalid) {
                    write(ctx, control, SimResponse.text(400, invalid.getMessage()));
                    return;
                }
                answerWhenDone(ctx, control, faults.change(next));
            }
            default -> write(ctx, control, methodNotAllowed(control, "GET, POST"));
        }
    }

    /** Answers with the fault once the change is in force; a failed re-bind is a 500 with its reason. */
    private void answerWhenDone(ChannelHandlerContext ctx, SimRequest control, CompletableFuture<Fault> change) {
        change.whenComplete((fault, failure) -> {
            SimResponse answer = failure == null
                    ? json(fault)
                    : SimResponse.text(500, String.valueOf(unwrap(failure).getMessage()));
            // The change may complete on another thread; the write belongs on the channel's loop.
            if (ctx.executor().inEventLoop()) {
                write(ctx, control, answer);
            } else {
                ctx.executor().execute(() -> write(ctx, control, answer));
            }
        });
    }

    private static void write(ChannelHandlerContext ctx, SimRequest control, SimResponse answer) {
        ResponseWriter.write(ctx, answer, control.isHead(), false);
    }

    private static SimResponse methodNotAllowed(SimRequest control, String allowed) {
        return SimResponse.text(
                        405,
                        control.path() + ": method " + control.method() + " not allowed (expected: " + allowed + ")")
                .withHeader("Allow", allowed);
    }

    private static SimResponse json(Object value) {
        try {
            return SimResponse.json(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
