package io.cutover.proxy.flow;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): meant for one connection, never forwarded. The fixed
 * ones ({@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code
 * Transfer-Encoding}, {@code Upgrade}, {@code Trailer}, {@code Proxy-Authenticate}, {@code
 * Proxy-Authorization}) are never copied at all, as Cutover copies allow-lists; this adds the
 * ones a message names in its own {@code Connection} header, which must be dropped too.
 */
public final class HopByHop {

    private static final Set<String> NONE = Set.of();

    private HopByHop() {}

    /** The header names (lower case) the message's {@code Connection} headers nominate. */
    public static Set<String> nominated(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        if (values.isEmpty()) {
            return NONE;
        }
        Set<String> out = new java.util.HashSet<>(4);
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("close") && !name.equals("keep-alive")) {
                    out.add(name);
                }
            }
        }
        return out.isEmpty() ? NONE : out;
    }

    /** A header's value unless the message names it hop-by-hop; {@code null} then, or when absent. */
    public static String endToEnd(HttpHeaders headers, CharSequence name, Set<String> nominated) {
        if (!nominated.isEmpty() && nominated.contains(name.toString().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return headers.get(name);
    }
}
