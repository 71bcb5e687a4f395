package io.cutover.proxy.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.Attempt;
import io.cutover.failover.BackendFailure;
import io.cutover.mapping.LinkKind;
import io.cutover.proxy.config.BackendSettings;
import io.cutover.proxy.flow.ClientHeaders;
import io.cutover.proxy.flow.Exchange;
import io.cutover.proxy.testing.NettyLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The origin client on its own: {@link OriginBackend}, {@link OriginCall}, {@link OriginPool} and
 * {@link OriginResponseReceiver} over {@link EmbeddedChannel}s that play the origin, with the
 * event loop's time on a hand-driven ticker. Each phase of a call times out into its own class:
 * only a call that certainly never left is {@code mayHaveCounted() == false}.
 */
@ExtendWith(NettyLeaks.class)
class OriginCallTest {

    private static final BackendSettings SETTINGS = new BackendSettings(
            "legacy",
            URI.create("http://origin.test"),
            "origin.test",
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            4,
            Duration.ofSeconds(20),
            64 * 1024);

    private static final String REDIRECT =
            "HTTP/1.1 302 Found\r\nLocation: https://shop.example/\r\nContent-Length: 0\r\n\r\n";

    private final MockTicker ticker = Ticker.newMockTicker();
    /** Stands for the event loop: the pool and the call's timer live on its loop. */
    private final EmbeddedChannel loop =
            EmbeddedChannel.builder().ticker(ticker).build();

    private final Deque<Supplier<ChannelFuture>> connects = new ArrayDeque<>();
    private final List<EmbeddedChannel> origins = new ArrayList<>();
    private final OriginPool pool = new OriginPool(
            loop.eventLoop(),
            () -> {
                Supplier<ChannelFuture> next = connects.poll();
                return next == null ? loop.newFailedFuture(new AssertionError("unexpected connect")) : next.get();
            },
            SETTINGS.maxConnections());
    private final OriginBackend backend =
            new OriginBackend(SETTINGS, pool, Exchange::uri, headers -> null, ticker::nanoTime);

    @AfterEach
    void releaseEverything() {
        for (EmbeddedChannel origin : origins) {
            origin.finishAndReleaseAll();
        }
        loop.finishAndReleaseAll();
    }

    /** A connection the origin accepts; its pipeline is the real one. */
    private EmbeddedChannel origin() {
        EmbeddedChannel ch = EmbeddedChannel.builder()
                .ticker(ticker)
                .handlers(new OriginChannelInitializer(SETTINGS, null))
                .build();
        origins.add(ch);
        connects.add(ch::newSucceededFuture);
        return ch;
    }

    private CompletableFuture<Attempt<FullHttpResponse>> send() {
        ClientHeaders headers = new ClientHeaders(
                "www.shareasale.com", "Mozilla/5.0", null, null, null, null, "192.0.2.1", "192.0.2.1", "https");
        Exchange exchange = new Exchange(
                "ev-1", LinkKind.BANNER_CLICK, HttpMethod.GET, "/r.cfm?b=1&u=2&m=3", null, headers, ticker.nanoTime());
        return backend.send(exchange, ticker.nanoTime() + TimeUnit.SECONDS.toNanos(1))
                .toCompletableFuture();
    }

    private void elapse(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
    }

    private static String requestLine(EmbeddedChannel origin) {
        ByteBuf written = origin.readOutbound();
        assertThat(written).as("the request reached the origin").isNotNull();
        try {
            String text = written.toString(StandardCharsets.US_ASCII);
            return text.substring(0, text.indexOf("\r\n"));
        } finally {
            written.release();
        }
    }

    private static void answer(EmbeddedChannel origin, String response) {
        origin.writeInbound(Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII));
    }

    private static Attempt.Failed<FullHttpResponse> failed(CompletableFuture<Attempt<FullHttpResponse>> result) {
        assertThat(result).isDone();
        assertThat(result.join()).isInstanceOf(Attempt.Failed.class);
        return (Attempt.Failed<FullHttpResponse>) result.join();
    }

    private static int answered(CompletableFuture<Attempt<FullHttpResponse>> result) {
        assertThat(result).isDone();
        assertThat(result.join()).isInstanceOf(Attempt.Answered.class);
        Attempt.Answered<FullHttpResponse> answered = (Attempt.Answered<FullHttpResponse>) result.join();
        answered.response().release();
        return answered.status();
    }

    @Test
    void answersAndKeepsTheConnectionForTheNextCall() {
        EmbeddedChannel origin = origin();

        CompletableFuture<Attempt<FullHttpResponse>> first = send();
        assertThat(requestLine(origin)).isEqualTo("GET /r.cfm?b=1&u=2&m=3 HTTP/1.1");
        answer(origin, REDIRECT);

        assertThat(answered(first)).isEqualTo(302);
        assertThat(pool.idleCount()).isEqualTo(1);
        CompletableFuture<Attempt<FullHttpResponse>> second = send();
        requestLine(origin);
        answer(origin, REDIRECT);
        assertThat(answered(second))
                .as("on the same connection, no new connect")
                .isEqualTo(302);
    }

    @Test
    void aConnectThatHangsTimesOutAsNeverSent() {
        ChannelPromise hanging = loop.newPromise();
        connects.add(() -> hanging);

        CompletableFuture<Attempt<FullHttpResponse>> result = send();
        elapse(199);
        assertThat(result).isNotDone();
        elapse(1);

        Attempt.Failed<FullHttpResponse> failed = failed(result);
        assertThat(failed.failure()).isEqualTo(BackendFailure.CONNECT);
        assertThat(failed.failure().mayHaveCounted()).isFalse();
    }

    @Test
    void aRefusedConnectFailsAsConnect() {
        connects.add(() -> loop.newFailedFuture(new ConnectException("Connection refused")));

        Attempt.Failed<FullHttpResponse> failed = failed(send());

        assertThat(failed.failure()).isEqualTo(BackendFailure.CONNECT);
        assertThat(failed.detail()).contains("Connection refused");
        assertThat(pool.size()).isZero();
    }

    @Test
    void aWriteThatNeverCompletesTimesOutAsNeverSent() {
        EmbeddedChannel origin = origin();
        origin.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                // A full socket buffer: the bytes never go out, the promise never completes.
                ReferenceCountUtil.release(msg);
            }
        });

        CompletableFuture<Attempt<FullHttpResponse>> result = send();
        elapse(200);

        assertThat(failed(result).failure()).isEqualTo(BackendFailure.WRITE);
        assertThat(origin.isOpen())
                .as("a connection in an unknown state is not reused")
                .isFalse();
    }

    @Test
    void noFirstByteInTimeIsAReadTimeoutThatMayHaveCounted() {
        EmbeddedChannel origin = origin();

        CompletableFuture<Attempt<FullHttpResponse>> result = send();
        requestLine(origin);
        elapse(200);

        Attempt.Failed<FullHttpResponse> failed = failed(result);
        assertThat(failed.failure()).isEqualTo(BackendFailure.READ_TIMEOUT);
        assertThat(failed.detail()).isEqualTo("no answer within the deadline");
        assertThat(failed.failure().mayHaveCounted()).isTrue();
        assertThat(origin.isOpen()).isFalse();
        assertThat(pool.size()).isZero();
    }

    @Test
    void aBodyThatStopsHalfwayIsAReadTimeout() {
        EmbeddedChannel origin = origin();

        CompletableFuture<Attempt<FullHttpResponse>> result = send();
        requestLine(origin);
        answer(origin, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<html>");
        elapse(100);
        assertThat(result).as("headers without the whole body are no answer").isNotDone();
        elapse(100);

        Attempt.Failed<FullHttpResponse> failed = failed(result);
        assertThat(failed.failure()).isEqualTo(BackendFailure.READ_TIMEOUT);
        assertThat(failed.detail()).isEqualTo("response incomplete within the deadline");
        assertThat(origin.isOpen()).isFalse();
    }

    @Test
    void aConnectionClosedInTheMiddleOfTheResponseIsABadResponse() {
        EmbeddedChannel origin = origin();

        CompletableFuture<Attempt<FullHttpResponse>> result = send();
        requestLine(origin);
        answer(origin, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz");
        origin.close();

        Attempt.Failed<FullHttpResponse> failed = failed(result);
        assertThat(failed.failure()).isEqualTo(BackendFailure.BAD_RESPONSE);
        assertThat(failed.failure().mayHaveCounted()).isTrue();
    }

    @Test
    void retriesOnANewConnectionWhenAReusedOneTurnsOutClosed() {
        EmbeddedChannel stale = origin();
        CompletableFuture<Attempt<FullHttpResponse>> first = send();
        requestLine(stale);
        answer(stale, REDIRECT);
        answered(first);
        // The origin closed the idle connection; the pool has not seen it yet: writing fails.
        stale.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new ClosedChannelException());
            }
        });
        EmbeddedChannel fresh = origin();

        CompletableFuture<Attempt<FullHttpResponse>> second = send();
        assertThat(requestLine(fresh)).startsWith("GET /r.cfm");
        answer(fresh, REDIRECT);

        assertThat(answered(second)).isEqualTo(302);
        assertThat(stale.isOpen()).isFalse();
        assertThat(connects).as("both connections were used").isEmpty();
    }

    @Test
    void retriesOnANewConnectionWhenAReusedOneClosesBeforeTheWriteCompletes() {
        EmbeddedChannel stale = origin();
        CompletableFuture<Attempt<FullHttpResponse>> first = send();
        requestLine(stale);
        answer(stale, REDIRECT);
        answered(first);
        List<ChannelPromise> pending = new ArrayList<>();
        stale.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                pending.add(promise);
            }
        });
        EmbeddedChannel fresh = origin();

        CompletableFuture<Attempt<FullHttpResponse>> second = send();
        stale.close();
        pending.forEach(p -> p.tryFailure(new ClosedChannelException()));
        requestLine(fresh);
        answer(fresh, REDIRECT);

        assertThat(answered(second)).isEqualTo(302);
    }

    @Test
    void aConnectionClosedAfterTheRequestIsAResetThatMayHaveCounted() {
        EmbeddedChannel origin = origin();

        CompletableFuture<Attempt<FullHttpResponse>> result = send();
        requestLine(origin);
        origin.close();

        Attempt.Failed<FullHttpResponse> failed = failed(result);
        assertThat(failed.failure()).isEqualTo(BackendFailure.RESET);
        assertThat(failed.failure().mayHaveCounted()).isTrue();
    }

    @Test
    void anAnswerAfterTheDeadlineIsReleasedAndItsConnectionNotReused() {
        EmbeddedChannel origin = origin();
        CompletableFuture<Attempt<FullHttpResponse>> result = send();
        requestLine(origin);
        OriginResponseReceiver receiver =
                (OriginResponseReceiver) origin.pipeline().get(OriginChannelInitializer.RECEIVER);

        elapse(200);
        assertThat(failed(result).failure()).isEqualTo(BackendFailure.READ_TIMEOUT);

        assertThat(origin.isOpen()).isFalse();
        assertThat(pool.size()).isZero();
        // The late answer, had it been read before the close took effect (TLS closes in steps),
        // finds no call: the receiver releases it and closes its connection.
        assertThat(receiver).isNotNull();
        EmbeddedChannel late = new EmbeddedChannel(new OriginResponseReceiver());
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.FOUND,
                Unpooled.copiedBuffer("late", StandardCharsets.US_ASCII));
        late.pipeline().fireChannelRead(response);

        assertThat(response.refCnt()).isZero();
        assertThat(late.isOpen()).isFalse();
        late.finishAndReleaseAll();
    }
}
