package io.cutover.proxy.flow;

/**
 * The client's headers that travel on to the backends, and the client's address. Values come from
 * Netty's validated header block, so they hold no CR or LF.
 *
 * @param host the {@code Host} the browser used (the legacy tracking host)
 * @param userAgent the browser's {@code User-Agent}; platforms use it against fraud
 * @param accept the {@code Accept} header
 * @param acceptLanguage the {@code Accept-Language} header
 * @param referer the publisher page the click came from; attribution checks read it
 * @param cookie the {@code Cookie} header, split per backend by the cookie bridge
 * @param clientIp the client's address (full: it is forwarded, and truncated only where kept)
 * @param forwardedFor the {@code X-Forwarded-For} value to send: the trusted chain plus the peer
 * @param forwardedProto the scheme the client used, as far as Cutover can tell
 * @param forwarded the {@code Forwarded} (RFC 7239) value to send: the trusted one plus this hop
 */
public record ClientHeaders(
        String host,
        String userAgent,
        String accept,
        String acceptLanguage,
        String referer,
        String cookie,
        String clientIp,
        String forwardedFor,
        String forwardedProto,
        String forwarded) {

    /** Without a {@code Forwarded} value to send. */
    public ClientHeaders(
            String host,
            String userAgent,
            String accept,
            String acceptLanguage,
            String referer,
            String cookie,
            String clientIp,
            String forwardedFor,
            String forwardedProto) {
        this(host, userAgent, accept, acceptLanguage, referer, cookie, clientIp, forwardedFor, forwardedProto, null);
    }
}
