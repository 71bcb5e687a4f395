package io.cutover.ops.privacy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Truncation of client IP addresses before they are queued or logged, the privacy contract:
 * IPv4 keeps its /24 ({@code 203.0.113.77} → {@code 203.0.113.0}), IPv6 its /48
 * ({@code 2001:db8:85a3:8d3::7348} → {@code 2001:db8:85a3::}), an IPv4-mapped IPv6 address counts
 * as IPv4, a zone is dropped, and anything that is not an address literal becomes {@link #UNKNOWN}.
 *
 * <p>Literals are parsed by hand and never resolved: the input may come from a header.
 */
public final class ClientIp {

    /** What stands for an address that is missing or unparsable. */
    public static final String UNKNOWN = "-";

    private ClientIp() {}

    /**
     * The truncated form of an address literal (IPv4 dotted quad, or IPv6 in any RFC 4291 text
     * form with an optional {@code %zone}), or {@link #UNKNOWN}. Never throws; the result is
     * canonical (RFC 5952 for IPv6), so truncating it again gives it back.
     */
    public static String truncate(String literal) {
        if (literal == null) {
            return UNKNOWN;
        }
        int end = literal.indexOf('%');
        boolean zoned = end >= 0;
        if (!zoned) {
            end = literal.length();
        }
        if (end == 0 || end > IpLiteral.MAX_LENGTH) {
            return UNKNOWN;
        }
        if (literal.indexOf(':') < 0) {
            // A zone belongs to IPv6 only (RFC 4007); "203.0.113.7%eth0" is not an address.
            long ipv4 = zoned ? -1 : IpLiteral.parseIpv4(literal, 0, end);
            return ipv4 < 0 ? UNKNOWN : ipv4Prefix(ipv4);
        }
        int[] groups = new int[8];
        if (!IpLiteral.parseIpv6(literal, 0, end, groups)) {
            return UNKNOWN;
        }
        return truncate(groups);
    }

    /**
     * The truncated form of an already resolved address, such as a connection's peer: read
     * from its bytes, no lookup, no parsing.
     */
    public static String truncate(InetAddress address) {
        if (address == null) {
            return UNKNOWN;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address || bytes.length == 4) {
            return ipv4Prefix(((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8));
        }
        if (bytes.length != 16) {
            return UNKNOWN;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        return truncate(groups);
    }

    /**
     * The client's address literal from an {@code X-Forwarded-For} value: its leftmost element,
     * trimmed, without brackets or a port ({@code [2001:db8::1]:4711} → {@code 2001:db8::1},
     * {@code 203.0.113.7:4711} → {@code 203.0.113.7}). Empty when the value is missing or its
     * first element is blank. The result is not validated: pass it to {@link #truncate(String)}.
     *
     * <p>Use it only when the proxy is configured to trust the header (a load balancer in front
     * sets it); otherwise any client can claim any address.
     */
    public static Optional<String> forwardedClient(String forwardedFor) {
        if (forwardedFor == null) {
            return Optional.empty();
        }
        int comma = forwardedFor.indexOf(',');
        int end = comma < 0 ? forwardedFor.length() : comma;
        int start = 0;
        while (start < end && isBlank(forwardedFor.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(forwardedFor.charAt(end - 1))) {
            end--;
        }
        if (end - start >= 2 && forwardedFor.charAt(start) == '"' && forwardedFor.charAt(end - 1) == '"') {
            start++;
            end--;
        }
        if (start < end && forwardedFor.charAt(start) == '[') {
            int close = forwardedFor.indexOf(']', start);
            if (close > start && close < end) {
                start++;
                end = close;
            }
        } else {
            int colon = forwardedFor.indexOf(':', start);
            if (colon >= 0
                    && colon < end
                    && forwardedFor.lastIndexOf(':', end - 1) == colon
                    && forwardedFor.lastIndexOf('.', colon) >= start) {
                // One colon after a dotted part: an IPv4 address with a port.
                end = colon;
            }
        }
        return start < end ? Optional.of(forwardedFor.substring(start, end)) : Optional.empty();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String truncate(int[] groups) {
        boolean mapped = groups[0] == 0
                && groups[1] == 0
                && groups[2] == 0
                && groups[3] == 0
                && groups[4] == 0
                && groups[5] == 0xffff;
        if (mapped) {
            return ipv4Prefix(((long) groups[6] << 16) | groups[7]);
        }
        return ipv6Prefix(groups[0], groups[1], groups[2]);
    }

    private static String ipv4Prefix(long address) {
        StringBuilder out = new StringBuilder(15);
        out.append((address >>> 24) & 0xff)
                .append('.')
                .append((address >>> 16) & 0xff)
                .append('.')
                .append((address >>> 8) & 0xff)
                .append(".0");
        return out.toString();
    }

    /**
     * The /48 in RFC 5952 form. The last five groups are zero, and that run (extended over any
     * zero groups before it) is always the longest, so it is the one "::" stands for.
     */
    private static String ipv6Prefix(int g0, int g1, int g2) {
        int kept = g2 != 0 ? 3 : g1 != 0 ? 2 : g0 != 0 ? 1 : 0;
        StringBuilder out = new StringBuilder(16);
        if (kept > 0) {
            out.append(Integer.toHexString(g0));
        }
        if (kept > 1) {
            out.append(':').append(Integer.toHexString(g1));
        }
        if (kept > 2) {
            out.append(':').append(Integer.toHexString(g2));
        }
        return out.append("::").toString();
    }
}
