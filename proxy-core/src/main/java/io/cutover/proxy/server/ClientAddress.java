package io.cutover.proxy.server;

import io.cutover.ops.privacy.ClientIp;
import io.cutover.ops.privacy.IpRange;
import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.flow.HopByHop;
import io.cutover.proxy.flow.ProxyHeaderNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who the client is, and the forwarding headers to send on. The client's own {@code
 * X-Forwarded-For}, {@code Forwarded} and {@code X-Forwarded-Proto} are believed only when the
 * connection comes from a trusted proxy ({@code server.trusted-proxies}); from anyone else they
 * are dropped, and the chain starts at the peer. Behind trusted proxies the client is the
 * rightmost {@code X-Forwarded-For} address that is not itself a trusted proxy (each proxy
 * appends the address it saw, so entries left of the first untrusted one are the client's own
 * claims), or the address in {@code server.client-ip-header}.
 *
 * @param clientIp the client's address as far as Cutover can tell
 * @param forwardedFor the {@code X-Forwarded-For} to send: the trusted chain plus the peer
 * @param forwarded the {@code Forwarded} (RFC 7239) to send: the trusted one plus this hop
 * @param proto the scheme the client used
 */
record ClientAddress(String clientIp, String forwardedFor, String forwarded, String proto) {

    static ClientAddress of(String peer, String scheme, HttpHeaders h, Set<String> nominated, EdgeSettings edge) {
        return of(new Peer(peer, scheme, edge), h, nominated, edge);
    }

    /** The same, with what depends on the connection alone worked out once for it ({@link Peer}). */
    static ClientAddress of(Peer connection, HttpHeaders h, Set<String> nominated, EdgeSettings edge) {
        String peer = connection.address;
        String scheme = connection.scheme;
        String hop = connection.element(HopByHop.endToEnd(h, HttpHeaderNames.HOST, nominated));
        if (!connection.trusted) {
            return new ClientAddress(peer, peer, hop, scheme);
        }
        String chain = joined(h.getAll(ProxyHeaderNames.X_FORWARDED_FOR), ProxyHeaderNames.X_FORWARDED_FOR, nominated);
        String forwarded = joined(h.getAll(ProxyHeaderNames.FORWARDED), ProxyHeaderNames.FORWARDED, nominated);
        String proto = HopByHop.endToEnd(h, ProxyHeaderNames.X_FORWARDED_PROTO, nominated);
        String client = edge.clientIpHeader().equals(EdgeSettings.X_FORWARDED_FOR)
                ? fromChain(chain, peer, edge)
                : fromHeader(HopByHop.endToEnd(h, edge.clientIpHeader(), nominated), peer);
        return new ClientAddress(
                client,
                chain == null ? peer : chain + ", " + peer,
                forwarded == null ? hop : forwarded + ", " + hop,
                "https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto) ? proto.toLowerCase() : scheme);
    }

    private static String joined(List<String> values, CharSequence name, Set<String> nominated) {
        if (values.isEmpty() || nominated.contains(name.toString())) {
            return null;
        }
        String joined = values.size() == 1 ? values.get(0).trim() : String.join(", ", values);
        return joined.isEmpty() ? null : joined;
    }

    /** The rightmost address of the chain that is not a trusted proxy; the peer when there is none. */
    private static String fromChain(String chain, String peer, EdgeSettings edge) {
        if (chain == null) {
            return peer;
        }
        String[] entries = chain.split(",");
        String leftmost = peer;
        for (int i = entries.length - 1; i >= 0; i--) {
            String address = ClientIp.forwardedClient(entries[i]).orElse(null);
            if (address == null || IpRange.address(address) == null) {
                // Garbage in the chain: nothing left of it can be believed.
                return leftmost;
            }
            if (!edge.isTrustedProxy(address)) {
                return address;
            }
            leftmost = address;
        }
        return leftmost;
    }

    private static String fromHeader(String value, String peer) {
        String address = value == null ? null : ClientIp.forwardedClient(value).orElse(null);
        return address != null && IpRange.address(address) != null ? address : peer;
    }

    /**
     * One connection's peer: its address, whether it is a trusted proxy, and this hop's {@code
     * Forwarded} element. The element depends on the peer, the scheme and the request's Host, and
     * the Host of a keep-alive connection rarely changes, so it is built again only when it does.
     * Used on the connection's event loop only.
     */
    static final class Peer {
        private final String address;
        private final String node;
        private final boolean trusted;
        private final String scheme;
        private String host;
        private String element;

        Peer(String address, String scheme, EdgeSettings edge) {
            this.address = address;
            this.node = node(address);
            this.trusted = edge.isTrustedProxy(address);
            this.scheme = scheme;
        }

        /** This hop's {@code Forwarded} element: {@code for=…;proto=…;host="…"}. */
        String element(String requestHost) {
            if (element == null || !Objects.equals(requestHost, host)) {
                host = requestHost;
                element = forwardedElement(node, scheme, requestHost);
            }
            return element;
        }
    }

    /** The peer as a {@code Forwarded} node (RFC 7239 §6): an IPv4 address, a quoted IPv6 one, or {@code unknown}. */
    static String node(String peer) {
        return peer.indexOf(':') >= 0 ? "\"[" + peer + "]\"" : IpRange.address(peer) != null ? peer : "unknown";
    }

    private static String forwardedElement(String node, String scheme, String host) {
        StringBuilder out = new StringBuilder(48)
                .append("for=")
                .append(node)
                .append(";proto=")
                .append(scheme);
        if (host != null && StrictRequestValidator.isHost(host)) {
            out.append(";host=\"").append(host).append('"');
        }
        return out.toString();
    }
}
