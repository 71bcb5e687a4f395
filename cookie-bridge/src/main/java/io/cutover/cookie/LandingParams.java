package io.cutover.cookie;

/**
 * Reads and adds the click references on a landing URL, {@code awc} (Awin, platforms.md §3.3)
 * and {@code sscid} (ShareASale, §1.4), without breaking what the URL already holds (§6.9): the
 * existing query stays byte for byte and in order, a trailing {@code &} or a bare {@code ?} is
 * reused rather than doubled, and a fragment stays last. A parameter the URL already carries is
 * never added twice.
 */
public final class LandingParams {

    private LandingParams() {}

    /**
     * The raw value of the first {@code name=} parameter of {@code url}'s query, or null. Click
     * references are alphanumeric with {@code _}, so no decoding is needed; a value holding
     * anything else is ignored.
     */
    public static String value(String url, String name) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        int fragment = url.indexOf('#', query);
        int end = fragment < 0 ? url.length() : fragment;
        int pos = query + 1;
        while (pos < end) {
            int amp = url.indexOf('&', pos);
            int stop = amp < 0 || amp > end ? end : amp;
            if (stop - pos > name.length() && url.startsWith(name, pos) && url.charAt(pos + name.length()) == '=') {
                String v = url.substring(pos + name.length() + 1, stop);
                return isClickReference(v) ? v : null;
            }
            pos = stop + 1;
        }
        return null;
    }

    /** {@code url} with {@code name=value} added at the end of its query, unless it has {@code name} already. */
    public static String with(String url, String name, String value) {
        if (url == null || value == null || !isClickReference(value) || has(url, name)) {
            return url;
        }
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        StringBuilder out = new StringBuilder(url.length() + name.length() + value.length() + 2);
        out.append(base);
        int query = base.indexOf('?');
        if (query < 0) {
            out.append('?');
        } else if (query != base.length() - 1 && base.charAt(base.length() - 1) != '&') {
            out.append('&');
        }
        return out.append(name).append('=').append(value).append(tail).toString();
    }

    private static boolean has(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        int fragment = url.indexOf('#', query);
        int end = fragment < 0 ? url.length() : fragment;
        int pos = query + 1;
        while (pos < end) {
            int amp = url.indexOf('&', pos);
            int stop = amp < 0 || amp > end ? end : amp;
            int eq = url.indexOf('=', pos);
            int nameEnd = eq < 0 || eq > stop ? stop : eq;
            if (nameEnd - pos == name.length() && url.startsWith(name, pos)) {
                return true;
            }
            pos = stop + 1;
        }
        return false;
    }

    /** Letters, digits, {@code _} and {@code -}, 1 to 128 of them: the shapes of awc and sscid (§1.4, §3.3). */
    static boolean isClickReference(String v) {
        int length = v.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = v.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
