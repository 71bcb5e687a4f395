package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.RawConnection.RawResponse;
import io.cutover.proxy.testing.NettyLeaks;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling over real sockets, against the sandbox with the simulated Awin and ShareASale
 * behind it: each ambiguous request is answered 400 and its connection closed, and neither
 * backend ever receives anything, not even the good click smuggled after it.
 */
@ExtendWith(NettyLeaks.class)
class SmugglingTest {

    private static final String CLICK = "/r.cfm?" + EndToEndTest.CLICK;
    private static final String SMUGGLED = "GET " + CLICK + "&smuggled=1 HTTP/1.1\r\nHost: x\r\n\r\n";

    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.ephemeral(2), Map.of("replay.enabled", false));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.awin().reset();
        sandbox.shareASale().reset();
    }

    static Stream<Arguments> ambiguous() {
        String get = "GET " + CLICK + " HTTP/1.1\r\n";
        String post = "POST / HTTP/1.1\r\n";
        return Stream.of(
                Arguments.of(
                        "CL.TE", post + "Host: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG"),
                Arguments.of(
                        "TE.CL",
                        post
                                + "Host: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n"),
                Arguments.of(
                        "TE.TE obfuscated",
                        post + "Host: x\r\nTransfer-Encoding: chunked\r\nTransfer-encoding: cow\r\n\r\n0\r\n\r\n"),
                Arguments.of(
                        "TE repeated",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of(
                        "TE with space before colon", get + "Host: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE xchunked", get + "Host: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE folded", get + "Host: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("duplicate CL", get + "Host: x\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n"),
                Arguments.of("signed CL", get + "Host: x\r\nContent-Length: +0\r\n\r\n"),
                Arguments.of("bare LF", "GET " + CLICK + " HTTP/1.1\nHost: x\n\n"),
                Arguments.of("obs-fold", get + "Host: x\r\nUser-Agent: a\r\n b\r\n\r\n"),
                Arguments.of("invalid chunk size", post + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n\r\n"),
                Arguments.of("whitespace before colon", get + "Host : x\r\n\r\n"),
                Arguments.of("no Host", get + "\r\n"),
                Arguments.of("two Hosts", get + "Host: x\r\nHost: evil.example\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguous")
    void answers400ClosesAndForwardsNothing(String name, String request) throws Exception {
        try (RawConnection connection = RawConnection.open(sandbox.cutover().port())) {
            connection.sendRaw(request + SMUGGLED);
            RawResponse response = connection.read(false);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).startsWith("400 Bad Request: ");
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(connection.awaitClose()).isNull();
        }
        assertThat(sandbox.awin().received()).isEmpty();
        assertThat(sandbox.shareASale().received()).isEmpty();
    }

    @Test
    void forwardsOnlyParsedValuesAndDropsWhatTheClientNamesHopByHop() throws Exception {
        try (RawConnection connection = RawConnection.open(sandbox.cutover().port())) {
            connection.sendRaw("GET " + CLICK + " HTTP/1.1\r\n"
                    + "Host: www.shareasale.com\r\n"
                    + "User-Agent:   Mozilla/5.0 (X11)   \r\n"
                    + "Connection: keep-alive, Referer\r\n"
                    + "Referer: https://publisher.example/post\r\n"
                    + "X-Forwarded-For: 6.6.6.6\r\n"
                    + "X-Forwarded-Proto: https\r\n"
                    + "X-Internal-Secret: 1\r\n\r\n");
            RawResponse response = connection.read(false);
            assertThat(response.status()).isEqualTo(302);
        }
        List<ReceivedRequest> received = sandbox.awin().received();
        assertThat(received).hasSize(1);
        ReceivedRequest awin = received.get(0);
        assertThat(awin.header("User-Agent")).isEqualTo("Mozilla/5.0 (X11)");
        assertThat(awin.header("Referer")).as("named in Connection: hop-by-hop").isNull();
        // The sandbox trusts no proxy: the client's own forwarding headers are dropped.
        assertThat(awin.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(awin.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(awin.headers()).doesNotContainKey("X-Internal-Secret");
    }
}
