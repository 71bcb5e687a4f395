package io.cutover.proxy.flow;

import io.cutover.cookie.BridgedAnswer;
import io.cutover.failover.Fate;
import io.cutover.failover.LocalAnswer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the responses Cutover writes to clients: a backend's answer relayed, Cutover's own
 * answer, or an error with its reason.
 *
 * <p>Relaying copies an allow-list of headers, never hop-by-hop or backend-internal ones, and
 * passes every {@code Set-Cookie} through the cookie bridge so the browser keeps it on the legacy
 * host.
 */
public final class ClientResponses {

    /** End-to-end headers worth passing on; everything else (Server, Connection, Via…) stays behind. */
    private static final List<AsciiString> RELAYED = List.of(
            HttpHeaderNames.LOCATION,
            HttpHeaderNames.CONTENT_TYPE,
            HttpHeaderNames.CACHE_CONTROL,
            HttpHeaderNames.EXPIRES,
            HttpHeaderNames.PRAGMA,
            HttpHeaderNames.LAST_MODIFIED,
            HttpHeaderNames.ETAG,
            HttpHeaderNames.CONTENT_ENCODING,
            HttpHeaderNames.CONTENT_LANGUAGE,
            HttpHeaderNames.CONTENT_DISPOSITION,
            AsciiString.cached("referrer-policy"),
            AsciiString.cached("p3p"));

    private final Function<String, Optional<String>> setCookieRewriter;
    private final CookieAnswers cookies;

    /**
     * Responses whose cookies only have their domain rewritten, with no phase or consent: for
     * tests of other parts.
     *
     * @param setCookieRewriter rewrites one backend {@code Set-Cookie} value for the legacy host;
     *     empty drops it (a value that could split a header never reaches the client)
     */
    public ClientResponses(Function<String, Optional<String>> setCookieRewriter) {
        this.setCookieRewriter = setCookieRewriter;
        this.cookies = null;
    }

    /** Responses whose cookies and landing go through the cookie bridge. */
    public ClientResponses(CookieAnswers cookies) {
        this.setCookieRewriter = null;
        this.cookies = cookies;
    }

    /**
     * A tracked click's answer from the backend of {@code fate}: its cookies kept by the
     * merchant's phase and the shopper's consent, scoped to the legacy host, and the click
     * references merged into its {@code Location}. Takes ownership of {@code origin}.
     */
    public FullHttpResponse relay(FullHttpResponse origin, String eventId, boolean head, Exchange exchange, Fate fate) {
        if (cookies == null) {
            return relay(origin, eventId, head);
        }
        BridgedAnswer answer = cookies.answer(
                exchange,
                fate,
                origin.headers().getAll(HttpHeaderNames.SET_COOKIE),
                origin.headers().get(HttpHeaderNames.LOCATION));
        FullHttpResponse out = relay(origin, eventId, head, List.of());
        if (answer.location() != null) {
            out.headers().set(HttpHeaderNames.LOCATION, answer.location());
        }
        answer.setCookies().forEach(v -> out.headers().add(HttpHeaderNames.SET_COOKIE, v));
        return out;
    }

    /** A pass-through answer (not tracked): its cookies scoped to the legacy host, no phase applied. */
    public FullHttpResponse relay(FullHttpResponse origin, String eventId, boolean head, Exchange exchange) {
        if (cookies == null) {
            return relay(origin, eventId, head);
        }
        List<String> scoped = cookies.passThrough(exchange, origin.headers().getAll(HttpHeaderNames.SET_COOKIE));
        return relay(origin, eventId, head, scoped);
    }

    /**
     * A conversion's answer from the backend of {@code fate}, cookies through the bridge as for
     * {@link #relay(FullHttpResponse, String, boolean, Exchange, Fate)}. Releases {@code origin}.
     */
    public FullHttpResponse pixel(FullHttpResponse origin, String eventId, Exchange exchange, Fate fate) {
        if (cookies == null) {
            return pixel(origin, eventId);
        }
        FullHttpResponse out = local(LocalAnswer.pixel(), eventId);
        try {
            BridgedAnswer answer =
                    cookies.answer(exchange, fate, origin.headers().getAll(HttpHeaderNames.SET_COOKIE), null);
            answer.setCookies().forEach(v -> out.headers().add(HttpHeaderNames.SET_COOKIE, v));
        } finally {
            origin.release();
        }
        return out;
    }

    /**
     * The backend's response as the client gets it: {@code origin} itself, its headers cut down to
     * what is relayed. Takes ownership of {@code origin}.
     *
     * @param head whether the client asked with HEAD (the origin's Content-Length is kept)
     */
    public FullHttpResponse relay(FullHttpResponse origin, String eventId, boolean head) {
        List<String> rewritten = new java.util.ArrayList<>();
        for (String cookie : origin.headers().getAll(HttpHeaderNames.SET_COOKIE)) {
            setCookieRewriter.apply(cookie).ifPresent(rewritten::add);
        }
        return relay(origin, eventId, head, rewritten);
    }

    /** The relayed header's canonical name, or null when {@code name} is not relayed. */
    private static AsciiString relayed(CharSequence name) {
        for (AsciiString candidate : RELAYED) {
            if (candidate.length() == name.length() && candidate.contentEqualsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    private FullHttpResponse relay(FullHttpResponse origin, String eventId, boolean head, List<String> setCookies) {
        HttpHeaders h = origin.headers();
        // A header the backend names in its Connection header was meant for Cutover's hop only.
        Set<String> hop = HopByHop.nominated(h);
        String length = head ? h.get(HttpHeaderNames.CONTENT_LENGTH) : null;
        // The backend's answer goes on in place, less what is not relayed: no second header table
        // per answer, and no second check of values the decoder checked. Its iterator cannot
        // remove, so the names are gathered first (a handful; this runs for every answer).
        CharSequence[] dropped = null;
        int count = 0;
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = h.iteratorCharSequence();
        while (headers.hasNext()) {
            CharSequence name = headers.next().getKey();
            AsciiString relayed = relayed(name);
            if (relayed == null || (!hop.isEmpty() && hop.contains(relayed.toString()))) {
                if (dropped == null) {
                    dropped = new CharSequence[h.size()];
                }
                dropped[count++] = name;
            }
        }
        for (int i = 0; i < count; i++) {
            h.remove(dropped[i]);
        }
        if (!hop.contains("set-cookie")) {
            for (String cookie : setCookies) {
                h.add(HttpHeaderNames.SET_COOKIE, cookie);
            }
        }
        if (length != null) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, origin.content().readableBytes());
        }
        tag(h, eventId);
        origin.setProtocolVersion(HttpVersion.HTTP_1_1);
        return origin;
    }

    /**
     * A conversion's answer once a backend took it: always Cutover's own 43-byte GIF, whatever
     * body the backend sent (a pixel on a thank-you page must never show a broken image or an
     * error page), with the backend's cookies kept. Releases {@code origin}.
     */
    public FullHttpResponse pixel(FullHttpResponse origin, String eventId) {
        FullHttpResponse out = local(LocalAnswer.pixel(), eventId);
        try {
            List<String> cookies = HopByHop.nominated(origin.headers()).contains("set-cookie")
                    ? List.of()
                    : origin.headers().getAll(HttpHeaderNames.SET_COOKIE);
            for (String cookie : cookies) {
                setCookieRewriter.apply(cookie).ifPresent(v -> out.headers().add(HttpHeaderNames.SET_COOKIE, v));
            }
        } finally {
            origin.release();
        }
        return out;
    }

    /** Cutover's own answer: a redirect, a pixel, or a 502. Never cached: it stands in for a click. */
    public FullHttpResponse local(LocalAnswer answer, String eventId) {
        FullHttpResponse out =
                response(HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        HttpHeaders h = out.headers();
        if (answer.location() != null) {
            h.set(HttpHeaderNames.LOCATION, answer.location());
        }
        if (answer.contentType() != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, out.content().readableBytes());
        tag(h, eventId);
        return out;
    }

    /** An error with a one-line reason the sender can act on. */
    public static FullHttpResponse error(HttpResponseStatus status, String reason, String eventId) {
        byte[] body =
                (status.code() + " " + status.reasonPhrase() + ": " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse out = response(status, Unpooled.wrappedBuffer(body));
        HttpHeaders h = out.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        tag(h, eventId);
        return out;
    }

    /**
     * An HTTP/1.1 response with room for headers and none for trailers: Cutover sends none, and
     * the empty trailers of Netty's default constructor would be a map per answer.
     */
    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf content) {
        return new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                status,
                content,
                DefaultHttpHeadersFactory.headersFactory().newHeaders(),
                EmptyHttpHeaders.INSTANCE);
    }

    /** Extra headers a handler wants on an error, e.g. {@code Allow} on a 405. */
    public static FullHttpResponse error(
            HttpResponseStatus status, String reason, String eventId, Map<AsciiString, String> extra) {
        FullHttpResponse out = error(status, reason, eventId);
        extra.forEach(out.headers()::set);
        return out;
    }

    private static void tag(HttpHeaders headers, String eventId) {
        if (eventId != null) {
            // Lets a merchant or publisher quote the event when asking support about one click.
            headers.set(ProxyHeaderNames.X_CUTOVER_EVENT_ID, eventId);
        }
    }
}
