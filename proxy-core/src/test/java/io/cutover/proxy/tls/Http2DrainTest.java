package io.cutover.proxy.tls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.testing.NettyLeaks;
import io.cutover.proxy.tls.RawH2Client.Frame;
import io.netty.handler.codec.http2.Http2Error;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A drain over HTTP/2: the connection is told GOAWAY(NO_ERROR) at once, while its stream in
 * flight is still waiting for the primary; that stream is answered, and then the connection
 * closes and the drain ends clean.
 */
@ExtendWith(NettyLeaks.class)
class Http2DrainTest {

    private TlsCutover it;

    @BeforeEach
    void start() {
        it = new TlsCutover(Map.of());
    }

    @AfterEach
    void stop() {
        it.close();
    }

    @Test
    void tellsTheConnectionToGoAwayAndFinishesTheStreamInFlight() throws Exception {
        it.primary.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", TlsCutover.LANDED)
                        .withFixedDelay(1500)));
        try (RawH2Client client = RawH2Client.connect(it.tlsPort(), it.certificates.caCertificate())) {
            int stream = client.request(client.get(TlsCutover.CLICK));
            client.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (it.primary.findAll(anyRequestedFor(anyUrl())).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }

            CompletableFuture<Boolean> drained = it.cutover.drain();
            Frame goAway = client.await(f -> f.type().equals("GOAWAY"), 5);
            Frame answer = client.answer(stream, 10);

            assertThat(goAway).as("GOAWAY").isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(Http2Error.NO_ERROR.code());
            assertThat(answer.type()).isEqualTo("HEADERS");
            assertThat(answer.headers().status().toString()).isEqualTo("302");
            List<Frame> frames = client.frames();
            assertThat(frames.indexOf(goAway))
                    .as("GOAWAY came while the stream was in flight")
                    .isLessThan(frames.indexOf(answer));
            assertThat(drained.get(15, TimeUnit.SECONDS))
                    .as("every request answered")
                    .isTrue();
            assertThat(client.awaitClosed(5)).as("connection closed").isTrue();
        }
    }
}
