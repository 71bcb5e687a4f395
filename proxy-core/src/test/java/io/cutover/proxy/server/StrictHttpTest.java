package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.testing.NettyLeaks;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smuggling suite on the production pipeline ({@link EdgePipeline}): every ambiguous or
 * malformed head is answered 400 with a reason and the connection closed, and the flow never sees
 * it, nor the good-looking click smuggled after it in the same bytes.
 */
@ExtendWith(NettyLeaks.class)
class StrictHttpTest {

    static final String CLICK = "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com";
    /** A good request, sent right after each bad one, in the same read: it must never be served. */
    static final String SMUGGLED = "GET " + CLICK + "&smuggled=1 HTTP/1.1\r\nHost: x\r\n\r\n";

    static Stream<Arguments> ambiguous() {
        String get = "GET " + CLICK + " HTTP/1.1\r\n";
        return Stream.of(
                Arguments.of(
                        "CL then TE",
                        get + "Host: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        "Content-Length"),
                Arguments.of(
                        "TE then CL",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
                        "Content-Length"),
                Arguments.of(
                        "TE alone",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        "Transfer-Encoding"),
                Arguments.of(
                        "TE repeated",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        ""),
                Arguments.of(
                        "TE chunked, identity",
                        get + "Host: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
                        "chunked"),
                Arguments.of("TE xchunked", get + "Host: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", "chunked"),
                Arguments.of("TE upper case", get + "Host: x\r\nTransfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n", ""),
                Arguments.of("TE tab", get + "Host: x\r\nTransfer-Encoding:\tchunked\r\n\r\n0\r\n\r\n", ""),
                Arguments.of(
                        "TE with space before colon",
                        get + "Host: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
                        "token"),
                Arguments.of(
                        "TE on HTTP/1.0",
                        "GET " + CLICK + " HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        ""),
                Arguments.of(
                        "TE folded", get + "Host: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", "obs-fold"),
                Arguments.of(
                        "two Content-Lengths",
                        get + "Host: x\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n",
                        "Content-Length"),
                Arguments.of(
                        "two equal Content-Lengths",
                        get + "Host: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
                        "Content-Length"),
                Arguments.of(
                        "Content-Length list", get + "Host: x\r\nContent-Length: 3, 3\r\n\r\nabc", "Content-Length"),
                Arguments.of("Content-Length +3", get + "Host: x\r\nContent-Length: +3\r\n\r\nabc", "not a number"),
                Arguments.of("Content-Length -1", get + "Host: x\r\nContent-Length: -1\r\n\r\n", "not a number"),
                Arguments.of("Content-Length hex", get + "Host: x\r\nContent-Length: 0x3\r\n\r\nabc", "not a number"),
                Arguments.of(
                        "Content-Length space before colon", get + "Host: x\r\nContent-Length : 3\r\n\r\nabc", "token"),
                Arguments.of("bare LF everywhere", "GET " + CLICK + " HTTP/1.1\nHost: x\n\n", "Line Feed"),
                Arguments.of("bare LF in one header", get + "Host: x\nX-A: b\r\n\r\n", "Line Feed"),
                Arguments.of("bare CR", get + "Host: x\rX-A: b\r\n\r\n", ""),
                Arguments.of("obs-fold", get + "Host: x\r\nX-A: b\r\n c\r\n\r\n", "obs-fold"),
                Arguments.of("obs-fold with tab", get + "Host: x\r\nUser-Agent: a\r\n\tb\r\n\r\n", "obs-fold"),
                Arguments.of("whitespace line after the request line", get + " Host: x\r\n\r\n", "obs-fold"),
                Arguments.of("space before colon", get + "Host : x\r\n\r\n", "token"),
                Arguments.of("tab before colon", get + "Host\t: x\r\n\r\n", "token"),
                Arguments.of(
                        "chunk size not hex",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                        ""),
                Arguments.of(
                        "chunk size negative",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nabc\r\n0\r\n\r\n",
                        ""),
                Arguments.of(
                        "chunk size overflowing",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
                        ""),
                Arguments.of(
                        "chunk size with bare LF",
                        get + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n",
                        ""),
                Arguments.of("no Host", get + "\r\n", "no Host header"),
                Arguments.of("two Hosts", get + "Host: x\r\nHost: y\r\n\r\n", "2 Host headers"),
                Arguments.of("Host with a space", get + "Host: a b\r\n\r\n", "Host 'a b'"),
                Arguments.of("Host with userinfo", get + "Host: evil@x\r\n\r\n", "Host 'evil@x'"),
                Arguments.of("Host with a path", get + "Host: x/y\r\n\r\n", "Host 'x/y'"),
                Arguments.of("empty Host", get + "Host: \r\n\r\n", "Host ''"),
                Arguments.of("NUL in a value", get + "Host: x\r\nX-A: b\u0000c\r\n\r\n", ""),
                Arguments.of("control character in a name", get + "Host: x\r\nX\u0001: b\r\n\r\n", "token"),
                Arguments.of("HTTP/0.9", "GET " + CLICK + "\r\n\r\n", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguous")
    void answers400ClosesAndServesNothing(String name, String request, String reason) {
        try (EdgePipeline edge = new EdgePipeline()) {
            String written = edge.send(request + SMUGGLED).written(1, 2000);

            assertThat(edge.statuses()).as(written).containsExactly(400);
            assertThat(written).contains("400 Bad Request: ").contains(reason).contains("connection: close");
            assertThat(edge.channel.isOpen()).as("closed").isFalse();
            assertThat(edge.flowSaw).containsExactly("rejected:bad_request");
            assertThat(edge.exceptions).isEmpty();
        }
    }

    @Test
    void servesAGoodClick() {
        try (EdgePipeline edge = new EdgePipeline()) {
            edge.send("GET " + CLICK + " HTTP/1.1\r\nHost: x\r\n\r\n").written(1, 5000);

            assertThat(edge.statuses()).containsExactly(302);
            assertThat(edge.channel.isOpen()).isTrue();
            assertThat(edge.flowSaw).hasSize(1).allMatch(s -> s.startsWith("tracked:"));
        }
    }

    @Test
    void servesAnHttp10RequestWithoutHost() {
        try (EdgePipeline edge = new EdgePipeline()) {
            edge.send("GET " + CLICK + " HTTP/1.0\r\n\r\n").written(1, 5000);

            assertThat(edge.statuses()).containsExactly(302);
        }
    }

    @Test
    void answersRequestsPipelinedBeforeAFoldedOneThenRefusesIt() {
        try (EdgePipeline edge = new EdgePipeline()) {
            edge.send("GET " + CLICK + " HTTP/1.1\r\nHost: x\r\n\r\n" + "GET " + CLICK
                            + " HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n" + SMUGGLED)
                    .written(2, 5000);

            assertThat(edge.statuses()).containsExactly(302, 400);
            assertThat(edge.written()).contains(FoldedHeaderGuard.REASON);
            assertThat(edge.channel.isOpen()).isFalse();
            assertThat(edge.flowSaw).hasSize(2).endsWith("rejected:bad_request");
        }
    }

    @Test
    void closesTheConnectionAfterARequestWithABodyAndReadsNothingAfterIt() {
        try (EdgePipeline edge = new EdgePipeline()) {
            edge.send("GET " + CLICK + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" + SMUGGLED)
                    .written(2, 3000);

            assertThat(edge.statuses()).containsExactly(302);
            assertThat(edge.written()).contains("connection: close");
            assertThat(edge.channel.isOpen()).isFalse();
            assertThat(edge.flowSaw).hasSize(1);
        }
    }

    @Test
    void keepsTheConnectionForAZeroContentLength() {
        try (EdgePipeline edge = new EdgePipeline()) {
            edge.send("GET " + CLICK + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n" + SMUGGLED)
                    .written(2, 5000);

            assertThat(edge.statuses()).containsExactly(302, 302);
            assertThat(edge.channel.isOpen()).isTrue();
        }
    }

    @Test
    void acceptsHostsWithPortsAndAddressLiterals() {
        assertThat(StrictRequestValidator.isHost("www.shareasale.com")).isTrue();
        assertThat(StrictRequestValidator.isHost("127.0.0.1:8080")).isTrue();
        assertThat(StrictRequestValidator.isHost("[2001:db8::1]:443")).isTrue();
        assertThat(StrictRequestValidator.isHost("[2001:db8::1]")).isTrue();
        assertThat(StrictRequestValidator.isHost("host:")).isTrue();
        assertThat(StrictRequestValidator.isHost("host:123456")).isFalse();
        assertThat(StrictRequestValidator.isHost("[::1")).isFalse();
        assertThat(StrictRequestValidator.isHost("a\\b")).isFalse();
        assertThat(StrictRequestValidator.isHost(":80")).isFalse();
    }
}
