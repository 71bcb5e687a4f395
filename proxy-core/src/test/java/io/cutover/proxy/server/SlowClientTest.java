package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.ops.privacy.IpRange;
import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.flow.ClientRateLimit;
import io.cutover.proxy.testing.NettyLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The request-head deadline and the connection caps, on the production pipeline with time frozen. */
@ExtendWith(NettyLeaks.class)
class SlowClientTest {

    private static final String HEAD = "GET " + StrictHttpTest.CLICK + " HTTP/1.1\r\nHost: x\r\n\r\n";

    private final List<String> refused = new ArrayList<>();

    @Test
    void closesASilentConnectionAtTheHeadDeadlineWithoutAWord() {
        try (EdgePipeline edge = new EdgePipeline(EdgeSettings.defaults(), ClientRateLimit.NONE, true)) {
            edge.channel.advanceTimeBy(4900, TimeUnit.MILLISECONDS);
            edge.channel.runScheduledPendingTasks();
            assertThat(edge.channel.isOpen()).isTrue();

            edge.channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
            edge.channel.runScheduledPendingTasks();
            assertThat(edge.channel.isOpen()).isFalse();
            assertThat(edge.written()).isEmpty();
        }
    }

    @Test
    void answers408ToAHeadThatTricklesInAndCloses() {
        try (EdgePipeline edge = new EdgePipeline(EdgeSettings.defaults(), ClientRateLimit.NONE, true)) {
            // One byte a second: the idle timeout never fires, the head deadline does.
            String partial = HEAD.substring(0, HEAD.length() - 2);
            for (int i = 0; i < 4; i++) {
                edge.send(partial.substring(i, i + 1));
                edge.channel.advanceTimeBy(1, TimeUnit.SECONDS);
                edge.channel.runScheduledPendingTasks();
            }
            assertThat(edge.channel.isOpen()).isTrue();

            edge.send(partial.substring(4));
            edge.channel.advanceTimeBy(1100, TimeUnit.MILLISECONDS);
            edge.channel.runScheduledPendingTasks();

            assertThat(edge.written())
                    .startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("connection: close");
            assertThat(edge.channel.isOpen()).isFalse();
            assertThat(edge.flowSaw).isEmpty();
        }
    }

    @Test
    void givesEachKeepAliveRequestItsOwnDeadlineFromItsFirstByte() {
        try (EdgePipeline edge = new EdgePipeline()) {
            edge.send(HEAD).written(1, 5000);
            assertThat(edge.statuses()).containsExactly(302);
            edge.channel.freezeTime();

            // Between requests only the idle timeout counts.
            edge.channel.advanceTimeBy(20, TimeUnit.SECONDS);
            edge.channel.runScheduledPendingTasks();
            assertThat(edge.channel.isOpen()).isTrue();

            edge.send("GET / HTTP/1.1\r\n");
            edge.channel.advanceTimeBy(4, TimeUnit.SECONDS);
            edge.channel.runScheduledPendingTasks();
            assertThat(edge.channel.isOpen()).isTrue();
            edge.channel.advanceTimeBy(2, TimeUnit.SECONDS);
            edge.channel.runScheduledPendingTasks();
            assertThat(edge.channel.isOpen()).isFalse();
            assertThat(edge.written()).contains("408 Request Timeout");
        }
    }

    @Test
    void usesTheConfiguredHeadDeadline() {
        EdgeSettings edgeSettings = new EdgeSettings(Duration.ofSeconds(1), 0, 0, List.of(), "x-forwarded-for");
        try (EdgePipeline edge = new EdgePipeline(edgeSettings, ClientRateLimit.NONE, true)) {
            edge.send("GET / HTTP/1.1\r\n");
            edge.channel.advanceTimeBy(1100, TimeUnit.MILLISECONDS);
            edge.channel.runScheduledPendingTasks();
            assertThat(edge.channel.isOpen()).isFalse();
        }
    }

    @Test
    void capsConnectionsPerClientAndAnswers429() {
        ConnectionLimiter limiter = new ConnectionLimiter(
                new EdgeSettings(Duration.ofSeconds(5), 100, 2, List.of(), "x-forwarded-for"), refused::add);
        EmbeddedChannel a = connection(limiter, "198.51.100.7");
        EmbeddedChannel b = connection(limiter, "198.51.100.7");
        EmbeddedChannel c = connection(limiter, "198.51.100.7");
        EmbeddedChannel other = connection(limiter, "198.51.100.8");

        assertThat(a.isOpen()).isTrue();
        assertThat(b.isOpen()).isTrue();
        assertThat(written(c)).startsWith("HTTP/1.1 429 Too Many Requests\r\n").contains("retry-after: 1");
        assertThat(c.isOpen()).isFalse();
        assertThat(other.isOpen()).isTrue();
        assertThat(refused).containsExactly(EdgeObserver.MAX_CONNECTIONS_PER_CLIENT);
        assertThat(limiter.open()).isEqualTo(3);

        a.close();
        EmbeddedChannel d = connection(limiter, "198.51.100.7");
        assertThat(d.isOpen()).isTrue();
        for (EmbeddedChannel ch : List.of(a, b, c, d, other)) {
            ch.finishAndReleaseAll();
        }
        assertThat(limiter.open()).isZero();
    }

    @Test
    void capsConnectionsInTotalAndAnswers503() {
        ConnectionLimiter limiter = new ConnectionLimiter(
                new EdgeSettings(Duration.ofSeconds(5), 2, 0, List.of(), "x-forwarded-for"), refused::add);
        EmbeddedChannel a = connection(limiter, "198.51.100.1");
        EmbeddedChannel b = connection(limiter, "198.51.100.2");
        EmbeddedChannel c = connection(limiter, "198.51.100.3");

        assertThat(written(c))
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("server.max-connections: 2");
        assertThat(c.isOpen()).isFalse();
        assertThat(refused).containsExactly(EdgeObserver.MAX_CONNECTIONS);
        for (EmbeddedChannel ch : List.of(a, b, c)) {
            ch.finishAndReleaseAll();
        }
        assertThat(limiter.open()).isZero();
    }

    @Test
    void exemptsTrustedProxiesFromThePerClientCap() {
        ConnectionLimiter limiter = new ConnectionLimiter(
                new EdgeSettings(
                        Duration.ofSeconds(5),
                        100,
                        1,
                        List.of(IpRange.parse("10.0.0.0/8").orElseThrow()),
                        "x-forwarded-for"),
                refused::add);
        EmbeddedChannel a = connection(limiter, "10.1.2.3");
        EmbeddedChannel b = connection(limiter, "10.1.2.3");

        assertThat(a.isOpen()).isTrue();
        assertThat(b.isOpen()).isTrue();
        assertThat(refused).isEmpty();
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    private static EmbeddedChannel connection(ConnectionLimiter limiter, String peer) {
        SocketAddress remote = new InetSocketAddress(peer, 40000);
        EmbeddedChannel ch = new EmbeddedChannel(false, false) {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        ch.pipeline().addLast(limiter);
        try {
            ch.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ch;
    }

    private static String written(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            out.append(((ByteBuf) o).toString(StandardCharsets.US_ASCII));
            ((ByteBuf) o).release();
        }
        return out.toString();
    }
}
