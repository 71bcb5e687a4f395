package io.cutover.loadtest.testing;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.util.Locale;

/**
 * Where a browser goes for a {@code Location}, found the lenient way browsers find it (WHATWG URL
 * for http(s)): leading and trailing spaces and controls trimmed, TAB/CR/LF removed anywhere, any
 * run of {@code /} and {@code \} after the scheme skipped, the authority ending at {@code /},
 * {@code \}, {@code ?} or {@code #}, user info up to the last {@code @} dropped, the host
 * percent-decoded and IDNA-mapped. Written independently of Cutover's checks, as the oracle the
 * open-redirect suite judges them by.
 */
public final class BrowserHost {

    private BrowserHost() {}

    /** The scheme and host the browser would use, or {@code null} when it would not navigate to a host. */
    public record Target(String scheme, String host) {}

    public static Target of(String location) {
        String url = location;
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        url = url.substring(start, end).replace("\t", "").replace("\r", "").replace("\n", "");
        int colon = url.indexOf(':');
        if (colon <= 0
                || !url.substring(0, colon)
                        .chars()
                        .allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            // Relative: resolved against the trusted host itself, unless it starts with two slashes.
            String rest = url;
            if (rest.length() >= 2 && isSlash(rest.charAt(0)) && isSlash(rest.charAt(1))) {
                return hostOf("https", rest, 0);
            }
            return new Target("relative", null);
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Target(scheme, null);
        }
        return hostOf(scheme, url, colon + 1);
    }

    private static Target hostOf(String scheme, String url, int from) {
        int i = from;
        while (i < url.length() && isSlash(url.charAt(i))) {
            i++;
        }
        int end = i;
        while (end < url.length() && "/\\?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(i, end);
        int at = authority.lastIndexOf('@');
        String hostPort = authority.substring(at + 1);
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = close < 0 ? hostPort : hostPort.substring(0, close + 1);
        } else {
            int portColon = hostPort.lastIndexOf(':');
            host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
        }
        host = percentDecode(host);
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            host = host.toLowerCase(Locale.ROOT);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return new Target(scheme, host);
    }

    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%'
                    && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    /** Whether a browser host is a name (not an IPv4 or IPv6 address in any notation). */
    public static boolean isName(String host) {
        if (host.startsWith("[")) {
            return false;
        }
        String last = host.substring(host.lastIndexOf('.') + 1);
        return !(last.chars().allMatch(Character::isDigit) || last.startsWith("0x"));
    }

    /** Whether {@code host} is {@code domain} or a subdomain of it. */
    public static boolean isWithin(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }
}
