package io.cutover.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses obsolete line folding (RFC 9112 §5.2: a header line that starts with a space or tab
 * continues the previous one). The RFC lets a server either reject it with 400 or replace each
 * fold by a space; Cutover rejects it, because proxies that disagree on folding are a known
 * smuggling vector and no browser folds. Netty's decoder would silently join the lines, so this
 * runs in front of it, on the raw bytes.
 *
 * <p>It reads the byte stream as consecutive heads: a request with a body ends the connection
 * after its answer ({@link StrictRequestValidator}), so scanning stops after a head that declares
 * one. On a fold, the bytes before its line go on to the codec (earlier pipelined requests are
 * answered in order), then a failed request carries the reason to the receiver, and everything
 * after is dropped.
 */
final class FoldedHeaderGuard extends ChannelInboundHandlerAdapter {

    static final String REASON = "obs-fold: a header line starts with a space or tab"
            + " (RFC 9112 section 5.2: folded headers are refused)";

    /** The longest header name prefix kept per line, enough for {@code transfer-encoding:}. */
    private static final int NAME_PREFIX = 20;

    private boolean lineStart = true;
    private int lines;
    private boolean stopped;
    private boolean refused;
    private final byte[] name = new byte[NAME_PREFIX];
    private int nameLength;
    private boolean bodyDeclared;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (stopped || !(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int start = buf.readerIndex();
        int foldAt = scan(buf, start, buf.writerIndex());
        if (foldAt < 0) {
            ctx.fireChannelRead(msg);
            return;
        }
        refused = true;
        if (foldAt > start) {
            ctx.fireChannelRead(buf.retainedSlice(start, foldAt - start));
        }
        buf.release();
        DefaultFullHttpRequest failed =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", Unpooled.EMPTY_BUFFER);
        failed.setDecoderResult(DecoderResult.failure(new EdgeRejection(REASON)));
        ctx.fireChannelRead(failed);
    }

    /**
     * Reads {@code buf} from {@code from} to {@code end}, carrying the line state over from the
     * previous read, and returns the index of a folded line's first byte, or -1 if there is none.
     * Only the first bytes of each line are looked at one by one (line start, name prefix); the
     * rest of a line is skipped with the buffer's own search for the line feed, which reads eight
     * bytes at a time.
     */
    private int scan(ByteBuf buf, int from, int end) {
        int at = from;
        while (at < end && !stopped) {
            if (lineStart) {
                byte b = buf.getByte(at);
                if (b == '\r') {
                    at++;
                    continue;
                }
                if (b == '\n') {
                    if (lines > 0) {
                        endOfHead();
                    }
                    at++;
                    continue;
                }
                lineStart = false;
                nameLength = 0;
                if ((b == ' ' || b == '\t') && lines > 0) {
                    return at;
                }
                lines++;
            }
            int lineFeed = buf.indexOf(at, end, (byte) '\n');
            int lineEnd = lineFeed < 0 ? end : lineFeed;
            int kept = Math.min(NAME_PREFIX - nameLength, lineEnd - at);
            if (kept > 0) {
                buf.getBytes(at, name, nameLength, kept);
                nameLength += kept;
            }
            if (lineFeed < 0) {
                return -1;
            }
            endOfLine();
            lineStart = true;
            at = lineFeed + 1;
        }
        return -1;
    }

    /** A header line ended: remember whether it declares a body. */
    private void endOfLine() {
        if (lines > 1 && (startsWith("content-length:") || startsWith("transfer-encoding:"))) {
            int colon = indexOf(':');
            boolean zeroLength = startsWith("content-length:") && isZero(colon + 1);
            bodyDeclared |= !zeroLength;
        }
    }

    private void endOfHead() {
        lines = 0;
        if (bodyDeclared) {
            // What follows is a body, and the connection ends after this request.
            stopped = true;
        }
    }

    private boolean startsWith(String prefix) {
        if (nameLength < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            int c = name[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(char c) {
        for (int i = 0; i < nameLength; i++) {
            if (name[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the kept value after {@code from} is a lone {@code 0} (blanks and CR around it). */
    private boolean isZero(int from) {
        boolean zero = false;
        for (int i = from; i < nameLength; i++) {
            byte b = name[i];
            if (b == '0' && !zero) {
                zero = true;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        // A value longer than the kept prefix counts as a body: only "0" is certain.
        return zero && nameLength < NAME_PREFIX;
    }
}
