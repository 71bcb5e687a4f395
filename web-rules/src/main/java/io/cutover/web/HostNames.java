package io.cutover.web;

import java.net.IDN;

/**
 * The one rule for host names, in the two places they come from.
 *
 * <ul>
 *   <li>A host <em>in a URL</em> (a deep link, a backend's {@code Location}) is judged as a
 *       browser resolves it: {@link #canonical} folds it to the ASCII form the browser looks up,
 *       and {@link #isIpLiteral} says whether the browser would read it as an address instead.
 *   <li>A name <em>an operator writes</em> (the cookie domain, a backend's Host header, a
 *       merchant's allowed domains) must be a plain DNS name: {@link #isHostName}, letters, digits
 *       and inner hyphens in labels of 1–63, at most 253 in all, and not an address.
 * </ul>
 *
 * <p>Internationalised names: {@link #canonical} uses {@link IDN#toASCII(String)} (IDNA 2003 with
 * Nameprep: NFKC, case folding, full-width letters and the ideographic full stop mapped as
 * browsers map them). Browsers follow UTS #46, which differs from IDNA 2003 on a few deviation
 * characters ({@code ß}, final sigma, ZWJ/ZWNJ). Cutover never relies on both agreeing: the
 * host it judges is the host it writes, in ASCII, into the {@code Location} it sends, so the
 * browser reaches exactly the name that was checked. A relayed {@code Location} with raw
 * non-ASCII in its host is refused rather than guessed at (the bytes on the wire have no declared
 * charset).
 */
public final class HostNames {

    /** The longest DNS name. */
    public static final int MAX_LENGTH = 253;

    /** The longest DNS label. */
    public static final int MAX_LABEL = 63;

    private HostNames() {}

    /**
     * The canonical form of a host as written in a URL (no brackets, no port), or {@code null}
     * if a browser would not resolve it as a name: ASCII lower case, internationalised labels in
     * punycode, one trailing dot removed, labels of letters, digits, {@code -} and {@code _}
     * (browsers accept underscores and edge hyphens in URLs). An IP literal in any notation
     * comes back canonical too; ask {@link #isIpLiteral} about it.
     */
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
        ascii = lower(ascii);
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        return isUrlHost(ascii) ? ascii : null;
    }

    /**
     * Whether a canonical host is one a browser reads as an IPv4 address (WHATWG URL "ends in a
     * number": the last label is all decimal digits, or {@code 0x} and hex digits), in every
     * notation: {@code 127.0.0.1}, {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}. Such a
     * host is an address or a parse error in the browser, never a name. IPv6 literals are
     * bracketed and never canonical host names at all.
     */
    public static boolean isIpLiteral(String canonicalHost) {
        int dot = canonicalHost.lastIndexOf('.');
        int start = dot + 1;
        int n = canonicalHost.length();
        if (start == n) {
            return false;
        }
        boolean digits = true;
        for (int i = start; i < n; i++) {
            if (!isDigit(canonicalHost.charAt(i))) {
                digits = false;
                break;
            }
        }
        if (digits) {
            return true;
        }
        if (n - start >= 2 && canonicalHost.charAt(start) == '0' && (canonicalHost.charAt(start + 1) | 0x20) == 'x') {
            for (int i = start + 2; i < n; i++) {
                if (hexValue(canonicalHost.charAt(i)) < 0) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether an operator-written name is a plain DNS host name: labels of 1–63 letters, digits and
     * hyphens, never starting or ending with a hyphen, at most 253 characters, in any case, and
     * not an IP literal. {@code a-.com}, {@code -a.com}, {@code a..com}, {@code a_b.com} and
     * {@code 10.0.0.1} are not.
     */
    public static boolean isHostName(String name) {
        int n = name.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (label == 0 || name.charAt(i - 1) == '-') {
                    return false;
                }
                label = 0;
            } else if (isAlpha(c) || isDigit(c) || (c == '-' && label > 0)) {
                if (++label > MAX_LABEL) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0 && name.charAt(n - 1) != '-' && !isIpLiteral(lower(name));
    }

    /**
     * Whether a name is a canonical registrable domain such as {@code example.com}: a {@link
     * #isHostName host name} in lower case with at least two labels. The directory's allowed
     * domains are written in this form.
     */
    public static boolean isCanonicalDomain(String name) {
        return isHostName(name) && name.indexOf('.') > 0 && lower(name).equals(name);
    }

    /**
     * Whether a name is a cookie {@code Domain}: a {@link #isHostName host name}, optionally with
     * the leading dot browsers ignore (RFC 6265 §5.2.3).
     */
    public static boolean isCookieDomain(String name) {
        return isHostName(name.startsWith(".") ? name.substring(1) : name);
    }

    /** Whether {@code host} is {@code domain} or one of its subdomains; both canonical. */
    public static boolean isWithin(String host, String domain) {
        return host.equals(domain)
                || (host.length() > domain.length()
                        && host.endsWith(domain)
                        && host.charAt(host.length() - domain.length() - 1) == '.');
    }

    /** The string with {@code A-Z} lower-cased only (no locale, no Unicode folding). */
    static String lower(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && !(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z')) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (; i < n; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static boolean isUrlHost(String host) {
        int n = host.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || isDigit(c) || c == '-' || c == '_') {
                if (++label > MAX_LABEL) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }

    static boolean isAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int hexValue(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
