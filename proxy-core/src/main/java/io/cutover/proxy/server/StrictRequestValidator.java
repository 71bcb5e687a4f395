package io.cutover.proxy.server;

import io.cutover.mapping.query.Quoted;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * The HTTP/1.1 rules Netty's decoder leaves to the server, checked on each parsed head:
 *
 * <ul>
 *   <li>exactly one {@code Host}, and a valid one (RFC 9112 §3.2: a request without one, with
 *       several, or with an invalid one is answered 400); HTTP/1.0 may omit it;
 *   <li>no {@code Transfer-Encoding}: tracking requests carry no body, and a chunked request body
 *       is what every CL/TE desynchronisation between two hops rides on;
 *   <li>a request with a {@code Content-Length} body is answered, then its connection closed:
 *       nothing read after a body is ever trusted as the next request.
 * </ul>
 *
 * A refused head becomes a failed request, so the receiver answers 400 with the reason and
 * closes; everything after it on the connection is dropped, never parsed into a request that
 * could reach a backend.
 */
final class StrictRequestValidator extends ChannelInboundHandlerAdapter {

    /** Everything from here on is dropped: a head was refused, or a request with a body ended. */
    private boolean dropping;
    /** The request being read declares a body: it is the connection's last. */
    private boolean lastRequest;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (dropping) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                dropping = true;
            } else {
                String problem = problem(request);
                if (problem != null) {
                    dropping = true;
                    request.setDecoderResult(DecoderResult.failure(new EdgeRejection(problem)));
                } else if (declaresBody(request.headers())) {
                    lastRequest = true;
                    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
            }
        }
        if (lastRequest && msg instanceof LastHttpContent) {
            dropping = true;
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the head is refused, or {@code null}. */
    static String problem(HttpRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.isEmpty()) {
            return request.protocolVersion().equals(HttpVersion.HTTP_1_0)
                    ? null
                    : "no Host header (RFC 9112 section 3.2: an HTTP/1.1 request has exactly one)";
        }
        if (hosts.size() > 1) {
            return hosts.size() + " Host headers (RFC 9112 section 3.2: exactly one)";
        }
        String host = hosts.get(0);
        if (!isHost(host)) {
            return "Host " + Quoted.of(host, 100) + " (expected: a host name or address, with an optional port)";
        }
        if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return "Transfer-Encoding on a request (expected: none; tracking requests have no body)";
        }
        return null;
    }

    /** Whether the head says a body follows: any Transfer-Encoding, or a Content-Length other than 0. */
    static boolean declaresBody(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return true;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && !length.trim().equals("0");
    }

    /**
     * RFC 9110 §7.2's {@code uri-host [ ":" port ]}: a registered name (letters, digits and the
     * unreserved and sub-delimiter characters, percent-encoded octets), or a bracketed IP literal,
     * then an optional port of digits.
     */
    static boolean isHost(String value) {
        if (value.isEmpty() || value.length() > 255 + 6) {
            return false;
        }
        int end = value.length();
        int colon = value.lastIndexOf(':');
        int close = value.lastIndexOf(']');
        if (colon > close) {
            for (int i = colon + 1; i < end; i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return false;
                }
            }
            if (end - colon - 1 > 5) {
                return false;
            }
            end = colon;
        }
        if (end == 0) {
            return false;
        }
        if (value.charAt(0) == '[') {
            if (close != end - 1 || end < 3) {
                return false;
            }
            for (int i = 1; i < end - 1; i++) {
                char c = value.charAt(i);
                boolean ok = (c >= '0' && c <= '9')
                        || (c >= 'a' && c <= 'f')
                        || (c >= 'A' && c <= 'F')
                        || c == ':'
                        || c == '.';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
