package io.cutover.proxy.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.proxy.testing.NettyLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One whole final response per response, from the bytes an origin sends, through the real codec. */
@ExtendWith(NettyLeaks.class)
class ResponseAssemblerTest {

    private static final int MAX_BODY = 16;

    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec(), new ResponseAssembler(MAX_BODY));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void makesOneResponseOfARedirectWithoutABody() {
        FullHttpResponse response = answer("HTTP/1.1 302 Found\r\nLocation: https://example.com/\r\n"
                + "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n");

        assertThat(response.decoderResult().isSuccess()).isTrue();
        assertThat(response.status().code()).isEqualTo(302);
        assertThat(response.headers().get("Location")).isEqualTo("https://example.com/");
        assertThat(response.headers().getAll("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.content().readableBytes()).isZero();
        assertThat(response.trailingHeaders().isEmpty()).isTrue();
        assertThat(channel.<Object>readInbound()).isNull();
        response.release();
    }

    @Test
    void handsABodyThatArrivedInOnePieceOnWithoutCopyingIt() {
        FullHttpResponse response =
                answer("HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 6\r\n\r\nGIF89a");

        assertThat(response.content().toString(StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(response.content()).isNotInstanceOf(CompositeByteBuf.class);
        response.release();
    }

    @Test
    void joinsABodyThatArrivedInPieces() {
        send();
        channel.writeInbound(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nGIF\r\n"));
        assertThat(channel.<Object>readInbound()).isNull();
        channel.writeInbound(bytes("3\r\n89a\r\n0\r\n\r\n"));

        FullHttpResponse response = channel.readInbound();
        assertThat(response.content().toString(StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        response.release();
    }

    @Test
    void dropsInterimResponsesAndHandsOnTheFinalOne() {
        FullHttpResponse response = answer("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 302 Found\r\nLocation: https://example.com/\r\nContent-Length: 0\r\n\r\n");

        assertThat(response.status().code()).isEqualTo(302);
        assertThat(response.headers().contains("Link")).isFalse();
        assertThat(channel.<Object>readInbound()).isNull();
        response.release();
    }

    @Test
    void failsTheConnectionOnABodyAnnouncedPastTheLimit() {
        send();
        assertThatThrownBy(() -> channel.writeInbound(
                        bytes("HTTP/1.1 200 OK\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n0123456789abcdefg")))
                .isInstanceOf(TooLongHttpContentException.class)
                .hasMessageContaining("over 16 bytes");
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void failsTheConnectionOnAChunkedBodyThatGrowsPastTheLimit() {
        send();
        assertThatThrownBy(
                        () -> channel.writeInbound(
                                bytes(
                                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\n")))
                .isInstanceOf(TooLongHttpContentException.class);
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void handsOnAResponseThatFailedToDecodeAsFailed() {
        FullHttpResponse response = answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

        assertThat(response.decoderResult().isFailure()).isTrue();
        assertThat(response.content().readableBytes()).isZero();
        response.release();
    }

    @Test
    void releasesAHalfArrivedBodyWhenTheConnectionCloses() {
        send();
        ByteBuf partial = bytes("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nGIF");
        channel.writeInbound(partial);
        assertThat(channel.<Object>readInbound()).isNull();
        channel.close();
        // The leak check after the test proves the three bytes were released.
    }

    private FullHttpResponse answer(String bytes) {
        send();
        channel.writeInbound(bytes(bytes));
        FullHttpResponse response = channel.readInbound();
        assertThat(response).isNotNull();
        return response;
    }

    /** The codec pairs each response with a request it sent (a HEAD's answer has no body). */
    private void send() {
        channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/r.cfm"));
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(written);
        }
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
