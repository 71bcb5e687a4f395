package io.cutover.ops.privacy;

/**
 * Hand-written parsers for IPv4 and IPv6 address literals (RFC 4291 §2.2 text forms).
 *
 * <p>The JDK's {@code InetAddress.getByName} would resolve anything that is not a literal
 * through DNS; on a header value an attacker controls that is both a latency trap and a leak,
 * so literals are parsed here, by hand, and anything else is simply not an address.
 */
final class IpLiteral {

    /** Longest literal worth parsing: a full IPv6 form with an embedded IPv4 is 45 characters. */
    static final int MAX_LENGTH = 45;

    private IpLiteral() {}

    /**
     * The IPv4 address in {@code s[from, to)} as an unsigned 32-bit value, or -1 unless it is
     * exactly four dotted decimal octets of one to three digits, each at most 255.
     */
    static long parseIpv4(String s, int from, int to) {
        long address = 0;
        int octets = 0;
        int pos = from;
        while (true) {
            int value = 0;
            int digits = 0;
            while (pos < to && digits <= 3) {
                char c = s.charAt(pos);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                digits++;
                pos++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return -1;
            }
            address = (address << 8) | value;
            octets++;
            if (octets == 4) {
                return pos == to ? address : -1;
            }
            if (pos >= to || s.charAt(pos) != '.') {
                return -1;
            }
            pos++;
        }
    }

    /**
     * Parses the IPv6 address in {@code s[from, to)} (no zone, no brackets) into its eight
     * 16-bit groups; false, with {@code groups} in an unspecified state, unless it is one.
     */
    static boolean parseIpv6(String s, int from, int to, int[] groups) {
        if (to - from < 2) {
            return false;
        }
        int count = 0;
        int gap = -1;
        int pos = from;
        if (s.charAt(pos) == ':') {
            // A leading colon is only legal as the first half of "::".
            if (s.charAt(pos + 1) != ':') {
                return false;
            }
            gap = 0;
            pos += 2;
        }
        while (pos < to) {
            int end = pos;
            boolean dotted = false;
            while (end < to && s.charAt(end) != ':') {
                if (s.charAt(end) == '.') {
                    dotted = true;
                }
                end++;
            }
            if (dotted) {
                // An embedded IPv4 address fills the last two groups and must end the literal.
                long ipv4 = end == to && count <= 6 ? parseIpv4(s, pos, end) : -1;
                if (ipv4 < 0) {
                    return false;
                }
                groups[count++] = (int) (ipv4 >>> 16);
                groups[count++] = (int) (ipv4 & 0xffff);
                pos = end;
                break;
            }
            int group = parseHexGroup(s, pos, end);
            if (group < 0 || count == 8) {
                return false;
            }
            groups[count++] = group;
            if (end == to) {
                pos = end;
                break;
            }
            pos = end + 1;
            if (pos < to && s.charAt(pos) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                pos++;
            } else if (pos == to) {
                // A trailing single colon.
                return false;
            }
        }
        if (gap < 0) {
            return count == 8;
        }
        if (count > 7) {
            return false;
        }
        // Move the groups after "::" to the end and zero the gap.
        int tail = count - gap;
        System.arraycopy(groups, gap, groups, 8 - tail, tail);
        for (int i = gap; i < 8 - tail; i++) {
            groups[i] = 0;
        }
        return true;
    }

    private static int parseHexGroup(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 4) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(s.charAt(i), 16);
            // Character.digit also accepts non-ASCII digits; only 0-9, a-f, A-F are hex here.
            if (digit < 0 || s.charAt(i) > 'f') {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
