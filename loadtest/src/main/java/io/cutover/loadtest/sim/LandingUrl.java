package io.cutover.loadtest.sim;

import java.nio.charset.StandardCharsets;

/**
 * Adds one query parameter to a landing URL the way the platforms do: the fragment ({@code #...})
 * stays last, an existing query is kept, and stray {@code &} at the join is not doubled. Awin
 * appends its {@code awc} at the end; ShareASale puts {@code sscid} first (platforms.md §1.4,
 * §3.3, §6.9).
 *
 * <p>Name and value are percent-encoded (everything but RFC 3986 unreserved characters); the rest
 * of the URL is left exactly as given.
 */
public final class LandingUrl {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LandingUrl() {}

    /** {@code https://shop.example/p?a=1&#top} + {@code awc=X} → {@code https://shop.example/p?a=1&awc=X#top}. */
    public static String appendParameter(String url, String name, String value) {
        Parts parts = Parts.of(url);
        String pair = encode(name) + '=' + encode(value);
        int end = parts.query.length();
        while (end > 0 && parts.query.charAt(end - 1) == '&') {
            end--;
        }
        String query = end == 0 ? pair : parts.query.substring(0, end) + '&' + pair;
        return parts.beforeQuery + '?' + query + parts.fragment;
    }

    /** {@code https://shop.example/p?a=1#top} + {@code sscid=X} → {@code https://shop.example/p?sscid=X&a=1#top}. */
    public static String prependParameter(String url, String name, String value) {
        Parts parts = Parts.of(url);
        String pair = encode(name) + '=' + encode(value);
        int start = 0;
        while (start < parts.query.length() && parts.query.charAt(start) == '&') {
            start++;
        }
        String rest = parts.query.substring(start);
        String query = rest.isEmpty() ? pair : pair + '&' + rest;
        return parts.beforeQuery + '?' + query + parts.fragment;
    }

    private static String encode(String text) {
        StringBuilder encoded = null;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (isUnreserved(b)) {
                if (encoded != null) {
                    encoded.append((char) b);
                }
            } else {
                if (encoded == null) {
                    encoded = new StringBuilder(bytes.length + 16);
                    for (int j = 0; j < i; j++) {
                        encoded.append((char) bytes[j]);
                    }
                }
                encoded.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return encoded == null ? text : encoded.toString();
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9')
                || b == '-'
                || b == '.'
                || b == '_'
                || b == '~';
    }

    /** A URL cut at its first {@code ?} and first {@code #}; the fragment keeps its {@code #}. */
    private record Parts(String beforeQuery, String query, String fragment) {

        static Parts of(String url) {
            int hash = url.indexOf('#');
            String fragment = hash < 0 ? "" : url.substring(hash);
            String base = hash < 0 ? url : url.substring(0, hash);
            int question = base.indexOf('?');
            if (question < 0) {
                return new Parts(base, "", fragment);
            }
            return new Parts(base.substring(0, question), base.substring(question + 1), fragment);
        }
    }
}
