package io.cutover.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpContentException;

/**
 * Makes one {@link FullHttpRequest} of each request for the receiver, without its body. Cutover
 * serves GET and HEAD and sends no request body on, so a body is only counted against {@code
 * server.max-body} and dropped as it arrives: no buffer is gathered, which is what an aggregator
 * would spend per request. A request over the limit, by its {@code Content-Length} or by what
 * arrived, becomes a failed request (answered 413 with the reason, counted and logged like every
 * rejection), and the rest of its body is dropped until the next request. A request that failed
 * to decode, in its head or in its body, goes on as failed.
 *
 * <p>{@code Expect: 100-continue} is answered {@code 100 Continue} when the announced body is
 * within the limit; any other expectation is refused (RFC 9110 §10.1.1).
 */
final class RequestAssembler extends ChannelInboundHandlerAdapter {

    private final int maxBody;
    /** The request whose body is arriving; null between requests and while dropping one. */
    private HttpRequest head;

    private long bodyBytes;

    RequestAssembler(int maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest full) {
            // Whole already: a decoder failure, or an HTTP/2 stream that ended with its headers.
            head = null;
            if (full.decoderResult().isSuccess() && full.content().readableBytes() > maxBody) {
                full.release();
                fail(ctx, full, tooLarge());
                return;
            }
            ctx.fireChannelRead(full);
            return;
        }
        if (msg instanceof HttpRequest request) {
            begin(ctx, request);
            return;
        }
        if (msg instanceof HttpContent content) {
            try {
                append(ctx, content);
            } finally {
                content.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        head = null;
        if (!request.decoderResult().isSuccess()) {
            fail(ctx, request, request.decoderResult().cause());
            return;
        }
        if (HttpUtil.getContentLength(request, -1L) > maxBody) {
            fail(ctx, request, tooLarge());
            return;
        }
        if (isUnsupportedExpectation(request)) {
            fail(
                    ctx,
                    request,
                    new EdgeRejection("Expect: " + request.headers().get(HttpHeaderNames.EXPECT)
                            + " (expected: 100-continue, or none)"));
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        head = request;
        bodyBytes = 0;
    }

    private void append(ChannelHandlerContext ctx, HttpContent content) {
        HttpRequest request = head;
        if (request == null) {
            // The rest of a body over the limit, or after a failure: dropped.
            return;
        }
        if (!content.decoderResult().isSuccess()) {
            head = null;
            fail(ctx, request, content.decoderResult().cause());
            return;
        }
        bodyBytes += content.content().readableBytes();
        if (bodyBytes > maxBody) {
            head = null;
            fail(ctx, request, tooLarge());
            return;
        }
        if (content instanceof LastHttpContent) {
            head = null;
            ctx.fireChannelRead(whole(request, DecoderResult.SUCCESS));
        }
    }

    /** An {@code Expect} other than {@code 100-continue} on HTTP/1.1 (HTTP/1.0 has no expectations). */
    private static boolean isUnsupportedExpectation(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        return expect != null
                && request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
                && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);
    }

    private static void fail(ChannelHandlerContext ctx, HttpRequest request, Throwable cause) {
        ctx.fireChannelRead(whole(request, DecoderResult.failure(cause)));
    }

    private static FullHttpRequest whole(HttpRequest request, DecoderResult result) {
        FullHttpRequest whole = new DefaultFullHttpRequest(
                request.protocolVersion(),
                request.method(),
                request.uri(),
                Unpooled.EMPTY_BUFFER,
                request.headers(),
                EmptyHttpHeaders.INSTANCE);
        whole.setDecoderResult(result);
        return whole;
    }

    private static TooLongHttpContentException tooLarge() {
        return new TooLongHttpContentException("body too large");
    }
}
