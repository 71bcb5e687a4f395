package io.cutover.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;

/**
 * The byte-at-a-time obs-fold guard that {@link FoldedHeaderGuard} replaced, kept unchanged as
 * the reference its line-skipping scan is checked against ({@link FoldedHeaderGuardTest}).
 */
final class FoldedHeaderGuardReference extends ChannelInboundHandlerAdapter {

    static final String REASON = FoldedHeaderGuard.REASON;

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
        int end = buf.writerIndex();
        int[] foldAt = {-1};
        buf.forEachByte(start, end - start, new ByteProcessor() {
            private int index = start;

            @Override
            public boolean process(byte b) {
                int at = index++;
                if (stopped) {
                    return false;
                }
                if (lineStart) {
                    if (b == '\r') {
                        return true;
                    }
                    if (b == '\n') {
                        if (lines > 0) {
                            endOfHead();
                        }
                        return true;
                    }
                    lineStart = false;
                    nameLength = 0;
                    if ((b == ' ' || b == '\t') && lines > 0) {
                        foldAt[0] = at;
                        return false;
                    }
                    lines++;
                }
                if (b == '\n') {
                    endOfLine();
                    lineStart = true;
                } else if (nameLength < NAME_PREFIX) {
                    name[nameLength++] = b;
                }
                return true;
            }
        });
        if (foldAt[0] < 0) {
            ctx.fireChannelRead(msg);
            return;
        }
        refused = true;
        int lineBegin = foldAt[0];
        if (lineBegin > start) {
            ctx.fireChannelRead(buf.retainedSlice(start, lineBegin - start));
        }
        buf.release();
        DefaultFullHttpRequest failed =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", Unpooled.EMPTY_BUFFER);
        failed.setDecoderResult(DecoderResult.failure(new EdgeRejection(REASON)));
        ctx.fireChannelRead(failed);
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
