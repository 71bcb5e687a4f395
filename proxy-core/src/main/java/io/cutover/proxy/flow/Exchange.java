package io.cutover.proxy.flow;

import io.cutover.failover.ResponsePolicy;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One client request on its way through Cutover: what the origins need to build their requests,
 * captured once when the request is read (the Netty request itself is released right away).
 * Immutable; confined to the client connection's event loop.
 */
public final class Exchange {

    private final String eventId;
    private final LinkKind kind;
    private final HttpMethod method;
    private final String uri;
    private final MappingResult mapping;
    private final ClientHeaders headers;
    private final long startNanos;

    /**
     * @param eventId the event ID, or {@code null} for a request that is not tracked
     * @param kind what the request is
     * @param method GET or HEAD
     * @param uri the request target in origin form, exactly as the client sent it: what legacy gets
     * @param mapping the translation, or {@code null} for a request that is not tracked
     * @param headers the client headers that are forwarded
     * @param startNanos when the request was read, on the proxy's ticker
     */
    public Exchange(
            String eventId,
            LinkKind kind,
            HttpMethod method,
            String uri,
            MappingResult mapping,
            ClientHeaders headers,
            long startNanos) {
        this.eventId = eventId;
        this.kind = kind;
        this.method = method;
        this.uri = uri;
        this.mapping = mapping;
        this.headers = headers;
        this.startNanos = startNanos;
    }

    public String eventId() {
        return eventId;
    }

    public LinkKind kind() {
        return kind;
    }

    public HttpMethod method() {
        return method;
    }

    /** The original request target, sent to legacy unchanged. */
    public String uri() {
        return uri;
    }

    public MappingResult mapping() {
        return mapping;
    }

    /** The translated target for the primary, or {@code null} when the request was not translated. */
    public String primaryUri() {
        return mapping instanceof Mapped mapped ? mapped.primary().pathAndQuery() : null;
    }

    public ClientHeaders headers() {
        return headers;
    }

    public long startNanos() {
        return startNanos;
    }

    /** How origins judge responses for this request. */
    public ResponsePolicy policy() {
        return kind.isTracked() ? ResponsePolicy.TRACKING : ResponsePolicy.RELAY;
    }
}
