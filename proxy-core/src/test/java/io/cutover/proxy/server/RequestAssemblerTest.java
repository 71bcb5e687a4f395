package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.testing.NettyLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpContentException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One whole request per request for the receiver, bodies counted and dropped, the limit kept. */
@ExtendWith(NettyLeaks.class)
class RequestAssemblerTest {

    private static final int MAX_BODY = 10;

    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestAssembler(MAX_BODY));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void makesOneWholeRequestOfAHeadAndItsEmptyEnd() {
        HttpRequest head = get("/r.cfm?b=1");
        head.headers().set("X-Test", "kept");
        channel.writeInbound(head, LastHttpContent.EMPTY_LAST_CONTENT);

        FullHttpRequest whole = channel.readInbound();
        assertThat(whole.decoderResult().isSuccess()).isTrue();
        assertThat(whole.method()).isEqualTo(HttpMethod.GET);
        assertThat(whole.uri()).isEqualTo("/r.cfm?b=1");
        assertThat(whole.headers().get("X-Test")).isEqualTo("kept");
        assertThat(whole.content().readableBytes()).isZero();
        assertThat(channel.<Object>readInbound()).isNull();
        whole.release();
    }

    @Test
    void dropsABodyWithinTheLimitAndReleasesEveryPart() {
        ByteBuf first = text("12345");
        ByteBuf last = text("67890");
        channel.writeInbound(get("/u.cfm"), new DefaultHttpContent(first), new DefaultLastHttpContent(last));

        FullHttpRequest whole = channel.readInbound();
        assertThat(whole.decoderResult().isSuccess()).isTrue();
        assertThat(whole.content().readableBytes()).isZero();
        assertThat(first.refCnt()).isZero();
        assertThat(last.refCnt()).isZero();
        whole.release();
    }

    @Test
    void refusesABodyAnnouncedPastTheLimitAtOnceAndDropsItsBytes() {
        HttpRequest head = get("/r.cfm");
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, MAX_BODY + 1);
        channel.writeInbound(head);
        FullHttpRequest refused = channel.readInbound();
        assertThat(refused.decoderResult().cause()).isInstanceOf(TooLongHttpContentException.class);
        refused.release();

        channel.writeInbound(new DefaultHttpContent(text("12345")), new DefaultLastHttpContent(text("678901")));
        assertThat(channel.<Object>readInbound()).as("the rest of its body").isNull();

        channel.writeInbound(get("/next"), LastHttpContent.EMPTY_LAST_CONTENT);
        FullHttpRequest next = channel.readInbound();
        assertThat(next.uri()).isEqualTo("/next");
        assertThat(next.decoderResult().isSuccess()).isTrue();
        next.release();
    }

    @Test
    void refusesABodyOnceWhatArrivedPassesTheLimit() {
        channel.writeInbound(get("/r.cfm"), new DefaultHttpContent(text("123456")));
        assertThat(channel.<Object>readInbound()).isNull();
        channel.writeInbound(new DefaultHttpContent(text("78901")));
        FullHttpRequest refused = channel.readInbound();
        assertThat(refused.decoderResult().cause()).isInstanceOf(TooLongHttpContentException.class);
        refused.release();
        channel.writeInbound(new DefaultLastHttpContent(text("2")));
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void passesOnAFailureInTheHeadOrInTheBody() {
        HttpRequest bad = get("/bad");
        bad.setDecoderResult(DecoderResult.failure(new DecoderException("bad header")));
        channel.writeInbound(bad);
        FullHttpRequest first = channel.readInbound();
        assertThat(first.decoderResult().cause()).hasMessage("bad header");
        first.release();

        HttpContent badChunk = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
        badChunk.setDecoderResult(DecoderResult.failure(new DecoderException("bad chunk size")));
        channel.writeInbound(get("/chunked"), badChunk);
        FullHttpRequest second = channel.readInbound();
        assertThat(second.uri()).isEqualTo("/chunked");
        assertThat(second.decoderResult().cause()).hasMessage("bad chunk size");
        second.release();
    }

    @Test
    void answers100ContinueWhenTheBodyFitsAndRefusesOtherExpectations() {
        HttpRequest continuing = get("/r.cfm");
        continuing.headers().set(HttpHeaderNames.EXPECT, "100-continue");
        continuing.headers().set(HttpHeaderNames.CONTENT_LENGTH, 3);
        channel.writeInbound(continuing);
        HttpResponse interim = channel.readOutbound();
        assertThat(interim.status()).isEqualTo(HttpResponseStatus.CONTINUE);
        channel.writeInbound(new DefaultLastHttpContent(text("abc")));
        FullHttpRequest whole = channel.readInbound();
        assertThat(whole.decoderResult().isSuccess()).isTrue();
        assertThat(whole.headers().contains(HttpHeaderNames.EXPECT)).isFalse();
        whole.release();

        HttpRequest odd = get("/r.cfm");
        odd.headers().set(HttpHeaderNames.EXPECT, "teapot");
        channel.writeInbound(odd);
        FullHttpRequest refused = channel.readInbound();
        assertThat(refused.decoderResult().cause())
                .isInstanceOf(EdgeRejection.class)
                .hasMessageContaining("Expect: teapot");
        refused.release();
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void letsAWholeRequestThroughAndRefusesOneWhoseBodyIsTooLarge() {
        FullHttpRequest small = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/a", text("123"));
        channel.writeInbound(small);
        FullHttpRequest passed = channel.readInbound();
        assertThat(passed).isSameAs(small);
        passed.release();

        ByteBuf big = text("12345678901");
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/b", big));
        FullHttpRequest refused = channel.readInbound();
        assertThat(refused.decoderResult().cause()).isInstanceOf(TooLongHttpContentException.class);
        assertThat(big.refCnt()).isZero();
        refused.release();
    }

    private static HttpRequest get(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
