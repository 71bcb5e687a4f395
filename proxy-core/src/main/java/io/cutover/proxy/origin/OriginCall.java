package io.cutover.proxy.origin;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.cutover.failover.ResponsePolicy;
import io.cutover.proxy.server.FlushBatch;
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
 * <p>Only a request that certainly never left is retried here, once, on a new connection: a write
 * that failed, or a connection that closed before the write completed, on a reused connection
 * (the origin closed it while it sat in the pool). This is not a retry of the backend (the
 * chain's retry policy and budget decide those) but of a stale pooled connection.
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
    private boolean reused;
    private boolean written;
    private boolean responseStarted;
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
        pool.acquire(fresh, acquired -> {
            if (done) {
                // The call timed out while connecting; the new connection is still good.
                if (acquired instanceof OriginPool.Ready ready) {
                    pool.release(ready.channel());
                }
                return;
            }
            if (acquired instanceof OriginPool.LimitReached) {
                fail(BackendFailure.CONNECTION_LIMIT, 0, "connection limit reached");
            } else if (acquired instanceof OriginPool.ConnectFailed failed) {
                fail(BackendFailure.CONNECT, 0, String.valueOf(failed.cause()));
            } else {
                send((OriginPool.Ready) acquired);
            }
        });
    }

    private void send(OriginPool.Ready ready) {
        Channel ch = ready.channel();
        channel = ch;
        reused = ready.reused();
        written = false;
        receiver().begin(this);
        ch.write(request.get()).addListener(write -> {
            if (done || channel != ch) {
                // The call ended, or moved to another connection, while this write was pending.
                return;
            }
            if (write.isSuccess()) {
                written = true;
            } else {
                receiver(ch).end();
                ch.close();
                channel = null;
                retryOrFail(BackendFailure.WRITE, String.valueOf(write.cause()));
            }
        });
        // Sent with the other requests of this pass of the event loop (FlushBatch).
        FlushBatch.flushSoon(ch);
    }

    /**
     * A request that never left a reused connection met a close the pool had not seen yet (the
     * origin closed it while it sat idle): it is sent once more, on a new connection. Anything
     * else fails.
     */
    private void retryOrFail(BackendFailure failure, String detail) {
        if (reused && !retried) {
            retried = true;
            acquire(true);
            return;
        }
        fail(failure, 0, detail);
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

    void onResponseStarted() {
        responseStarted = true;
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
            retryOrFail(
                    BackendFailure.WRITE,
                    cause == null ? "closed before the request was written" : String.valueOf(cause));
        } else if (cause instanceof DecoderException || cause instanceof TooLongFrameException) {
            fail(BackendFailure.BAD_RESPONSE, 0, String.valueOf(cause));
        } else if (responseStarted) {
            // It began to answer, then the connection ended: a broken answer, not a silence.
            fail(
                    BackendFailure.BAD_RESPONSE,
                    0,
                    cause == null ? "closed in the middle of the response" : String.valueOf(cause));
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
        fail(failure, 0, responseStarted ? "response incomplete within the deadline" : "no answer within the deadline");
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
