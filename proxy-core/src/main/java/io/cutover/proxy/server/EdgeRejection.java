package io.cutover.proxy.server;

/**
 * A request the edge refuses although Netty's decoder took it (a missing or doubled Host, a
 * folded header): carried as the request's failed decoder result, so it is answered 400 with
 * this reason, counted and the connection closed, like every malformed request. No stack trace:
 * it is an outcome, not a bug.
 */
final class EdgeRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EdgeRejection(String reason) {
        super(reason, null, false, false);
    }
}
