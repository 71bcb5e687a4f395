package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import io.cutover.proxy.EventIds;
import io.cutover.proxy.config.Deadlines;
import io.cutover.proxy.config.ServerSettings;
import io.cutover.proxy.config.TransportKind;
import io.cutover.proxy.flow.ClientRateLimit;
import io.cutover.proxy.flow.ClientResponses;
import io.cutover.proxy.flow.Exchange;
import io.cutover.proxy.flow.FlowObserver;
import io.cutover.proxy.flow.RedirectGuard;
import io.cutover.proxy.flow.RejectReason;
import io.cutover.proxy.flow.TrackingFlow;
import io.cutover.proxy.testing.NettyLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client pipeline's own answers, on an {@link EmbeddedChannel}: everything it refuses before
 * a request reaches the flow.
 */
@ExtendWith(NettyLeaks.class)
class ClientRequestReceiverTest {

    private static final ServerSettings SETTINGS =
            new ServerSettings("127.0.0.1", 0, 1, TransportKind.NIO, 256, 1024, 64, Duration.ofSeconds(30), false);

    private final List<RejectReason> rejected = new ArrayList<>();
    private final FlowObserver observer = new FlowObserver() {
        @Override
        public void tracked(Exchange exchange, Fate fate, int status, Route<?> route, long nanos) {}

        @Override
        public void rejected(
                LinkKind kind, RejectReason reason, String eventId, String uri, String clientIp, long nanos) {
            rejected.add(reason);
        }

        @Override
        public void passedThrough(Exchange exchange, int status, Route<?> route, long nanos) {}
    };

    private EmbeddedChannel channel() {
        // Rejections never reach translation, the origins or the retry queue, so the flow has none.
        TrackingFlow flow = new TrackingFlow(
                () -> null,
                null,
                EventIds.system(),
                new Deadlines(Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofSeconds(5)),
                "https://fallback.example/",
                new ClientResponses(Optional::of),
                observer,
                null,
                Duration.ZERO,
                java.time.Clock.systemUTC(),
                System::nanoTime,
                new RedirectGuard(() -> null, "https://fallback.example/", null),
                ClientRateLimit.NONE);
        return new EmbeddedChannel(new ClientChannelInitializer(SETTINGS, flow, System::nanoTime));
    }

    private static FullHttpResponse exchange(EmbeddedChannel server, String rawRequest) {
        server.writeInbound(Unpooled.copiedBuffer(rawRequest, StandardCharsets.ISO_8859_1));
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(4096));
        // Teach the client codec what it is decoding a response to.
        client.writeOutbound(new io.netty.handler.codec.http.DefaultFullHttpRequest(
                io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET, "/"));
        ByteBuf sent;
        while ((sent = client.readOutbound()) != null) {
            sent.release();
        }
        ByteBuf out;
        while ((out = server.readOutbound()) != null) {
            client.writeInbound(out);
        }
        FullHttpResponse response = client.readInbound();
        client.finishAndReleaseAll();
        return response;
    }

    private static String body(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }

    @Test
    void answers414WhenTheRequestLineIsTooLong() {
        EmbeddedChannel server = channel();
        FullHttpResponse response =
                exchange(server, "GET /r.cfm?urllink=" + "a".repeat(400) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response.status().code()).isEqualTo(414);
        assertThat(body(response)).isEqualTo("414 Request-URI Too Long: request line longer than 256 bytes\n");
        assertThat(response.headers().get("x-cutover-event-id")).isNotBlank();
        assertThat(server.isOpen()).isFalse();
        assertThat(rejected).containsExactly(RejectReason.URI_TOO_LONG);
        response.release();
        server.finishAndReleaseAll();
    }

    @Test
    void answers431WhenHeadersAreTooLarge() {
        EmbeddedChannel server = channel();
        FullHttpResponse response =
                exchange(server, "GET /r.cfm HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n");

        assertThat(response.status().code()).isEqualTo(431);
        assertThat(body(response)).contains("headers larger than 1024 bytes");
        assertThat(server.isOpen()).isFalse();
        response.release();
        server.finishAndReleaseAll();
    }

    @Test
    void answers413WhenTheBodyIsTooLarge() {
        EmbeddedChannel server = channel();
        FullHttpResponse response =
                exchange(server, "GET /r.cfm HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + "c".repeat(100));

        assertThat(response.status().code()).isEqualTo(413);
        assertThat(body(response)).contains("body larger than 64 bytes");
        assertThat(rejected).containsExactly(RejectReason.TOO_LARGE);
        response.release();
        server.finishAndReleaseAll();
    }

    @Test
    void answers405WithAllowForOtherMethodsAndKeepsTheConnection() {
        EmbeddedChannel server = channel();
        FullHttpResponse response =
                exchange(server, "POST /r.cfm?m=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");

        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("allow")).isEqualTo("GET, HEAD");
        assertThat(body(response)).contains("method POST (expected: GET or HEAD");
        assertThat(server.isOpen()).isTrue();
        response.release();
        server.finishAndReleaseAll();
    }

    @Test
    void answers400ForGarbage() {
        EmbeddedChannel server = channel();
        FullHttpResponse response = exchange(server, "GET /r.cfm HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(body(response)).startsWith("400 Bad Request: malformed HTTP request");
        assertThat(server.isOpen()).isFalse();
        assertThat(rejected).containsExactly(RejectReason.BAD_REQUEST);
        response.release();
        server.finishAndReleaseAll();
    }

    @Test
    void refusesATargetThatIsNotAPath() {
        EmbeddedChannel server = channel();
        FullHttpResponse response = exchange(server, "GET * HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(body(response)).contains("request target '*' (expected: a path such as /r.cfm?…)");
        response.release();
        server.finishAndReleaseAll();
    }

    @Test
    void closesAConnectionThatStaysIdle() {
        EmbeddedChannel server = channel();
        server.freezeTime();
        // One answered request first: a connection that never sends one is the head deadline's.
        exchange(server, "POST /r.cfm?m=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                .release();

        server.advanceTimeBy(29, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
        assertThat(server.isOpen()).isTrue();

        server.advanceTimeBy(2, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
        assertThat(server.isOpen()).isFalse();
        server.finishAndReleaseAll();
    }

    @Test
    void reducesAbsoluteFormTargetsToOriginForm() {
        assertThat(ClientRequestReceiver.originForm("/r.cfm?m=1")).isEqualTo("/r.cfm?m=1");
        assertThat(ClientRequestReceiver.originForm("http://www.shareasale.com/r.cfm?m=1"))
                .isEqualTo("/r.cfm?m=1");
        assertThat(ClientRequestReceiver.originForm("HTTPS://host")).isEqualTo("/");
        assertThat(ClientRequestReceiver.originForm("http://host?m=1")).isEqualTo("/?m=1");
        assertThat(ClientRequestReceiver.originForm("ftp://host/x")).isNull();
        assertThat(ClientRequestReceiver.originForm("r.cfm")).isNull();
    }
}
