package io.cutover.proxy.flow;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Why a request was answered with an error of its own, with the status and metric tag it gets. */
public enum RejectReason {
    /** Not parseable as HTTP/1.1, or a request target that is not a path. */
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST, "bad_request"),
    /** A body over {@code server.max-body}. */
    TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large"),
    /** A header block over {@code server.max-header-size}. */
    HEADER_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header_too_large"),
    /** A request line over {@code server.max-initial-line}. */
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri_too_long"),
    /** A method other than GET or HEAD. */
    BAD_METHOD(HttpResponseStatus.METHOD_NOT_ALLOWED, "bad_method"),
    /** A click (or pass-through request) over its client's rate ({@code rate-limit.*}). */
    RATE_LIMITED(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limited"),
    /** A tracking link that cannot be used at all, e.g. without a merchant ID. */
    UNUSABLE_LINK(HttpResponseStatus.BAD_REQUEST, "unmapped_rejected");

    private final HttpResponseStatus status;
    private final String tag;

    RejectReason(HttpResponseStatus status, String tag) {
        this.status = status;
        this.tag = tag;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String tag() {
        return tag;
    }
}
