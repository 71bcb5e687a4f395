package io.cutover.mapping.landing;

import io.cutover.mapping.query.Ascii;
import java.net.IDN;

/**
 * Host names as a browser resolves them, so that the host Cutover judges is the host the shopper
 * reaches: ASCII lower case, internationalised names in their punycode form (full-width letters and
 * ideographic full stops fold as browsers fold them), one trailing dot removed.
 */
public final class HostName {

    /** The longest DNS name. */
    public static final int MAX_LENGTH = 253;

    private HostName() {}

    /** The canonical form of a host as written in a URL, or {@code null} if it is not a valid name. */
    public static String canonical(String host) {
        String ascii = host;
        if (!isAscii(host)) {
            try {
                ascii = IDN.toASCII(host);
            } catch (RuntimeException e) {
                // IllegalArgumentException for names IDNA refuses; anything else must not escape either
                return null;
            }
        }
        ascii = Ascii.lower(ascii);
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        return isValid(ascii) ? ascii : null;
    }

    /**
     * Whether a name is a canonical registrable host name such as {@code example.com}: lower-case
     * ASCII labels, at least two, no trailing dot. This is the form the directory's allowed domains
     * must be written in.
     */
    public static boolean isCanonicalDomain(String name) {
        return isValid(name) && name.indexOf('.') > 0;
    }

    private static boolean isValid(String host) {
        int n = host.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || Ascii.isDigit(c) || c == '-' || c == '_') {
                if (++labelLength > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return labelLength > 0;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
