package io.cutover.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * Answers written by handlers in front of the HTTP codec, where no request was parsed: whole
 * responses as bytes, always with {@code Connection: close}, the connection closed once they are
 * out.
 */
final class RawAnswers {

    private RawAnswers() {}

    /** The bytes of a close-delimited plain-text error, e.g. {@code 408}, with its reason. */
    static byte[] bytes(int status, String phrase, String reason, String extraHeaderLine) {
        String body = status + " " + phrase + ": " + reason + "\n";
        String head = "HTTP/1.1 " + status + " " + phrase + "\r\n"
                + "content-type: text/plain; charset=utf-8\r\n"
                + "cache-control: no-store\r\n"
                + (extraHeaderLine == null ? "" : extraHeaderLine + "\r\n")
                + "content-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "connection: close\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the answer from {@code ctx} (towards the socket only) and closes after it. */
    static void answerAndClose(ChannelHandlerContext ctx, byte[] answer) {
        ByteBuf out = Unpooled.wrappedBuffer(answer);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }
}
