package io.cutover.proxy.tls;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.testing.NettyLeaks;
import io.cutover.proxy.tls.RawH2Client.Frame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP/2 limits against a client that breaks them on purpose, frame by frame over TLS: the
 * stream limit, the header list limit and the rapid-reset flood (CVE-2023-44487). Each time the
 * server must cut off only what is too much, and go on serving.
 */
@ExtendWith(NettyLeaks.class)
class Http2LimitsTest {

    private static final int MAX_STREAMS = 2;
    private static final int MAX_RESETS = 20;

    private TlsCutover it;

    @BeforeEach
    void start() {
        it = new TlsCutover(Map.of(
                "tls.http2.max-concurrent-streams",
                MAX_STREAMS,
                "tls.http2.max-header-list-size",
                "2KiB",
                "tls.http2.max-resets-per-window",
                MAX_RESETS,
                "tls.http2.reset-window",
                "60s"));
    }

    @AfterEach
    void stop() {
        it.close();
    }

    @Test
    void refusesStreamsBeyondTheConcurrentLimitAndServesTheOthers() throws Exception {
        // A slow primary keeps the first streams open while the client opens more.
        it.slowPrimary(1500);
        try (RawH2Client client = RawH2Client.connect(it.tlsPort(), it.certificates.caCertificate())) {
            List<Integer> streams = new ArrayList<>();
            for (int i = 0; i < MAX_STREAMS + 3; i++) {
                streams.add(client.request(client.get(TlsCutover.CLICK)));
            }
            client.flush();

            List<Frame> answers = new ArrayList<>();
            for (int stream : streams) {
                answers.add(client.answer(stream, 30));
            }
            for (int i = 0; i < MAX_STREAMS; i++) {
                assertThat(answers.get(i).type()).isEqualTo("HEADERS");
                assertThat(answers.get(i).headers().status().toString()).isEqualTo("302");
            }
            for (int i = MAX_STREAMS; i < answers.size(); i++) {
                assertThat(answers.get(i).type()).isEqualTo("RST_STREAM");
                assertThat(answers.get(i).errorCode()).isEqualTo(Http2Error.REFUSED_STREAM.code());
            }
            // Refused streams were never processed, and the connection serves on.
            assertThat(it.primary.findAll(anyRequestedFor(anyUrl()))).hasSize(MAX_STREAMS);
            int later = client.request(client.get(TlsCutover.CLICK));
            client.flush();
            Frame answer = client.answer(later, 30);
            assertThat(answer.type()).isEqualTo("HEADERS");
            assertThat(answer.headers().status().toString()).isEqualTo("302");
        }
    }

    @Test
    void answers431ToAHeaderListBeyondTheLimitAndServesTheNextStream() throws Exception {
        try (RawH2Client client = RawH2Client.connect(it.tlsPort(), it.certificates.caCertificate())) {
            // Past the limit (2 KiB) but below Netty's connection-error bound (a quarter more):
            // the stream is refused, the connection lives. Further past, the connection is closed.
            Http2Headers huge = client.get(TlsCutover.CLICK).add("cookie", "a=" + "x".repeat(2200));
            int tooLarge = client.request(huge);
            client.flush();
            Frame refused = client.answer(tooLarge, 30);
            assertThat(refused.type()).isEqualTo("HEADERS");
            assertThat(refused.headers().status().toString()).isEqualTo("431");

            int next = client.request(client.get(TlsCutover.CLICK).add("cookie", "a=small"));
            client.flush();
            Frame served = client.answer(next, 30);
            assertThat(served.type()).isEqualTo("HEADERS");
            assertThat(served.headers().status().toString()).isEqualTo("302");
            assertThat(client.isOpen()).isTrue();
        }
        // Only the stream within the limit reached a backend.
        assertThat(it.primary.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void cutsOffARapidResetFloodWithGoAwayAndServesOtherClients() throws Exception {
        try (RawH2Client flood = RawH2Client.connect(it.tlsPort(), it.certificates.caCertificate())) {
            // Bounded: a few times the limit, each stream opened and cancelled at once.
            for (int i = 0; i < MAX_RESETS * 5; i++) {
                int stream = flood.request(flood.get(TlsCutover.CLICK));
                flood.reset(stream);
            }
            flood.flush();

            Frame goAway = flood.await(f -> f.type().equals("GOAWAY"), 30);
            assertThat(goAway).isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
            assertThat(flood.awaitClosed(30)).isTrue();
        }
        try (RawH2Client other = RawH2Client.connect(it.tlsPort(), it.certificates.caCertificate())) {
            int stream = other.request(other.get(TlsCutover.CLICK));
            other.flush();
            Frame answer = other.answer(stream, 30);
            assertThat(answer.type()).isEqualTo("HEADERS");
            assertThat(answer.headers().status().toString()).isEqualTo("302");
        }
    }
}
