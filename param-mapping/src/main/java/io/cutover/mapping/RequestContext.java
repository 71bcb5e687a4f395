package io.cutover.mapping;

/**
 * What a translation may need from the request beyond its query: the {@code Cookie} header, where
 * the click reference of a conversion lives when the pixel carries none (Cutover relays Awin's
 * {@code aw<advertiserId>} cookie onto the legacy host, so the shopper's sale.cfm request brings
 * it back). One small immutable value per request; the header is scanned, never parsed into a map.
 *
 * @param cookieHeader the request's {@code Cookie} header as received, or {@code null}
 */
public record RequestContext(String cookieHeader) {

    /** No cookies: the context of the two-argument {@link Translator#translate(LinkKind, String)}. */
    public static final RequestContext NONE = new RequestContext(null);

    /** The context of a request with this {@code Cookie} header (or {@code null}). */
    public static RequestContext of(String cookieHeader) {
        return cookieHeader == null || cookieHeader.isEmpty() ? NONE : new RequestContext(cookieHeader);
    }

    /**
     * The value of the cookie named {@code prefix + id}, quotes removed, or {@code null}. The first
     * of several wins, as browsers send the most specific path first (RFC 6265 §5.4).
     */
    public String cookie(String prefix, String id) {
        String header = cookieHeader;
        if (header == null) {
            return null;
        }
        int n = header.length();
        int i = 0;
        int nameLength = prefix.length() + id.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ';')) {
                i++;
            }
            int end = header.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            if (end - i > nameLength
                    && header.regionMatches(i, prefix, 0, prefix.length())
                    && header.regionMatches(i + prefix.length(), id, 0, id.length())) {
                int j = i + nameLength;
                while (j < end && header.charAt(j) == ' ') {
                    j++;
                }
                if (j < end && header.charAt(j) == '=') {
                    int start = j + 1;
                    int stop = end;
                    while (start < stop && header.charAt(start) == ' ') {
                        start++;
                    }
                    while (stop > start && header.charAt(stop - 1) == ' ') {
                        stop--;
                    }
                    if (stop - start >= 2 && header.charAt(start) == '"' && header.charAt(stop - 1) == '"') {
                        start++;
                        stop--;
                    }
                    return header.substring(start, stop);
                }
            }
            i = end + 1;
        }
        return null;
    }

    @Override
    public String toString() {
        return cookieHeader == null ? "RequestContext[no cookies]" : "RequestContext[cookies]";
    }
}
