package io.cutover.ops.privacy;

import java.util.Arrays;
import java.util.Optional;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one
 * address without a prefix), for deciding whether a connection's peer is a trusted proxy.
 * IPv4-mapped IPv6 addresses match IPv4 blocks. Literals are parsed by hand, never resolved.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private IpRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** The block {@code text} stands for, or empty when it is not an address with an optional prefix. */
    public static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        byte[] address = address(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        byte[] network = address.clone();
        mask(network, prefix);
        return Optional.of(new IpRange(network, prefix, s));
    }

    /** Whether the address literal is in this block; false for anything that is not an address. */
    public boolean contains(String literal) {
        byte[] address = address(literal);
        if (address == null || address.length != network.length) {
            return false;
        }
        mask(address, prefix);
        return Arrays.equals(address, network);
    }

    /**
     * The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 one as its 4 IPv4 bytes, a
     * {@code %zone} ignored), or {@code null} when it is not one.
     */
    public static byte[] address(String literal) {
        if (literal == null) {
            return null;
        }
        int end = literal.indexOf('%');
        if (end < 0) {
            end = literal.length();
        }
        if (end == 0 || end > IpLiteral.MAX_LENGTH) {
            return null;
        }
        if (literal.indexOf(':') < 0) {
            if (end != literal.length()) {
                return null;
            }
            long ipv4 = IpLiteral.parseIpv4(literal, 0, end);
            return ipv4 < 0 ? null : ipv4Bytes(ipv4);
        }
        int[] groups = new int[8];
        if (!IpLiteral.parseIpv6(literal, 0, end, groups)) {
            return null;
        }
        boolean mapped = groups[5] == 0xffff;
        for (int i = 0; i < 5; i++) {
            mapped &= groups[i] == 0;
        }
        if (mapped) {
            return ipv4Bytes(((long) groups[6] << 16) | groups[7]);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >>> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }

    private static byte[] ipv4Bytes(long ipv4) {
        return new byte[] {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
    }

    private static void mask(byte[] address, int prefix) {
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            address[i] &= (byte) (0xff << (8 - keep));
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
