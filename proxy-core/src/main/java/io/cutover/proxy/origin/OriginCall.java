package io.cutover.proxy.origin;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.cutover.failover.ResponsePolicy;
import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One request to one origin, from acquiring a connection to the classified result. Runs entirely
 * on the pool's event loop. Completes exactly once, and by its deadline: a timer fails it if the
 * origin is late, whatever phase it is in.
 *
 * <p>Only a request that certainly never left is retried, once, on a new connection: a write that
 * failed on a reused connection (the origin closed it while it sat in the pool).
 */
final class OriginCall {

    private final OriginBackend backend;
    private final OriginPool pool;
    private final ResponsePolicy policy;
    private final Supplier<FullHttpRequest> request;
    private final long startNanos;
    private final CompletableFuture<Attempt<FullHttpResponse>> result = new CompletableFuture<>();

    private ScheduledFuture<?> timer;
    private Channel channel;
    private boolean written;
    private boolean retried;
    private boolean done;

    OriginCall(
            OriginBackend backend,
            OriginPool pool,
            ResponsePolicy policy,
            Supplier<FullHttpRequest> request,
            long startNanos) {
        this.backend = backend;
        this.pool = pool;
        this.policy = policy;
        this.request = request;
        this.startNanos = startNanos;
    }

    CompletableFuture<Attempt<FullHttpResponse>> start(long budgetNanos) {
        timer = pool.loop().schedule(this::timeout, budgetNanos, TimeUnit.NANOSECONDS);
        acquire(false);
        return result;
    }

    private void acquire(boolean fresh) {
        pool.acquire(fresh, (ch, reused, limitReached, cause) -> {
            if (done) {
                // The call timed out while connecting; the new connection is still good.
                if (ch != null) {
                    pool.release(ch);
                }
                return;
            }
            if (ch == null) {
                fail(
                        limitReached ? BackendFailure.CONNECTION_LIMIT : BackendFailure.CONNECT,
                        0,
                        limitReached ? "connection limit reached" : String.valueOf(cause));
                return;
            }
            channel = ch;
            receiver().begin(this);
            ch.writeAndFlush(request.get()).addListener(write -> {
                if (write.isSuccess()) {
                    written = true;
                } else if (!done) {
                    onWriteFailed(ch, reused, write.cause());
                }
            });
        });
    }

    private void onWriteFailed(Channel ch, boolean reused, Throwable cause) {
        receiver(ch).end();
        ch.close();
        channel = null;
        if (reused && !retried) {
            retried = true;
            acquire(true);
            return;
        }
        fail(BackendFailure.WRITE, 0, String.valueOf(cause));
    }

    private OriginResponseReceiver receiver() {
        return receiver(channel);
    }

    private static OriginResponseReceiver receiver(Channel ch) {
        return (OriginResponseReceiver) ch.pipeline().get(OriginChannelInitializer.RECEIVER);
    }

    void onResponse(FullHttpResponse response) {
        Channel ch = channel;
        channel = null;
        if (done) {
            response.release();
            ch.close();
            return;
        }
        if (!response.decoderResult().isSuccess()) {
            response.release();
            ch.close();
            fail(
                    BackendFailure.BAD_RESPONSE,
                    0,
                    String.valueOf(response.decoderResult().cause()));
            return;
        }
        // Before handing the response on: once the caller has it, it may be released.
        if (HttpUtil.isKeepAlive(response)) {
            pool.release(ch);
        } else {
            ch.close();
        }
        int status = response.status().code();
        BackendFailure failure = policy.classify(status, response.headers().get(HttpHeaderNames.LOCATION));
        if (failure != null) {
            response.release();
            fail(failure, status, "status " + status);
            return;
        }
        finish(new Attempt.Answered<>(response, status, elapsed()));
    }

    void onClosed(Throwable cause) {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
        if (done) {
            return;
        }
        if (!written) {
            // The write may still be pending when the connection dies; nothing reached the origin.
            fail(
                    BackendFailure.WRITE,
                    0,
                    cause == null ? "closed before the request was written" : String.valueOf(cause));
        } else if (cause instanceof DecoderException || cause instanceof TooLongFrameException) {
            fail(BackendFailure.BAD_RESPONSE, 0, String.valueOf(cause));
        } else {
            fail(BackendFailure.RESET, 0, cause == null ? "closed before a response" : String.valueOf(cause));
        }
    }

    private void timeout() {
        if (done) {
            return;
        }
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            // A late answer may still come; the connection cannot be reused.
            receiver(ch).end();
            ch.close();
        }
        BackendFailure failure =
                ch == null ? BackendFailure.CONNECT : written ? BackendFailure.READ_TIMEOUT : BackendFailure.WRITE;
        fail(failure, 0, "no answer within the deadline");
    }

    private void fail(BackendFailure failure, int status, String detail) {
        finish(new Attempt.Failed<>(failure, status, detail, elapsed()));
    }

    private void finish(Attempt<FullHttpResponse> attempt) {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        result.complete(attempt);
    }

    private long elapsed() {
        return backend.ticker().getAsLong() - startNanos;
    }
}
