package io.cutover.proxy.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpContentException;

/**
 * Makes one {@link FullHttpResponse} of each final response of an origin, for the receiver.
 *
 * <ul>
 *   <li>Interim responses ({@code 100}, {@code 102}, {@code 103 Early Hints}) are dropped: the
 *       final response follows on the same connection (RFC 9110 §15.2), and it is the answer.
 *   <li>A body over {@code maxBody}, by its {@code Content-Length} or by what arrived, fails the
 *       connection with a {@link TooLongHttpContentException}, as an aggregator would.
 *   <li>A response that failed to decode, in its head or in its body, goes on as failed, without
 *       its body.
 *   <li>A body that arrived in one piece, the usual case for a redirect or a pixel, is handed on
 *       as it is: no composite buffer, and no trailer headers, which Cutover does not relay.
 * </ul>
 */
final class ResponseAssembler extends ChannelInboundHandlerAdapter {

    private final int maxBody;
    /**
     * The final response whose body is arriving; null between responses, and while the rest of a
     * message that is not handed on (an interim response, a failure) is dropped.
     */
    private HttpResponse head;

    private ByteBuf body;

    ResponseAssembler(int maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpResponse full) {
            // Whole already: the decoder's answer to a message it could not read.
            reset();
            ctx.fireChannelRead(full);
            return;
        }
        if (msg instanceof HttpResponse response) {
            begin(ctx, response);
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

    private void begin(ChannelHandlerContext ctx, HttpResponse response) {
        reset();
        if (!response.decoderResult().isSuccess()) {
            ctx.fireChannelRead(whole(response, Unpooled.EMPTY_BUFFER, response.decoderResult()));
            return;
        }
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            return;
        }
        if (HttpUtil.getContentLength(response, -1L) > maxBody) {
            tooLarge(ctx, response);
            return;
        }
        head = response;
    }

    private void append(ChannelHandlerContext ctx, HttpContent content) {
        HttpResponse response = head;
        if (response == null) {
            return;
        }
        if (!content.decoderResult().isSuccess()) {
            DecoderResult failure = content.decoderResult();
            reset();
            ctx.fireChannelRead(whole(response, Unpooled.EMPTY_BUFFER, failure));
            return;
        }
        ByteBuf piece = content.content();
        if (piece.isReadable()) {
            if ((body == null ? 0 : body.readableBytes()) + (long) piece.readableBytes() > maxBody) {
                tooLarge(ctx, response);
                return;
            }
            add(ctx, piece);
        }
        if (content instanceof LastHttpContent) {
            ByteBuf whole = body == null ? Unpooled.EMPTY_BUFFER : body;
            body = null;
            head = null;
            ctx.fireChannelRead(whole(response, whole, DecoderResult.SUCCESS));
        }
    }

    private void add(ChannelHandlerContext ctx, ByteBuf piece) {
        if (body == null) {
            body = piece.retain();
        } else if (body instanceof CompositeByteBuf composite) {
            composite.addComponent(true, piece.retain());
        } else {
            CompositeByteBuf composite = ctx.alloc().compositeBuffer();
            composite.addComponent(true, body);
            composite.addComponent(true, piece.retain());
            body = composite;
        }
    }

    private void tooLarge(ChannelHandlerContext ctx, HttpResponse response) {
        reset();
        ctx.fireExceptionCaught(new TooLongHttpContentException("response body over " + maxBody + " bytes (status "
                + response.status().code() + ")"));
    }

    private static FullHttpResponse whole(HttpResponse head, ByteBuf content, DecoderResult result) {
        FullHttpResponse whole = new DefaultFullHttpResponse(
                head.protocolVersion(), head.status(), content, head.headers(), EmptyHttpHeaders.INSTANCE);
        whole.setDecoderResult(result);
        return whole;
    }

    private void reset() {
        head = null;
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reset();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reset();
    }
}
