package io.cutover.loadtest.sim;

import java.util.List;
import java.util.Map;

/**
 * A request as the routes and the control API see it: no Netty types, nothing to release.
 *
 * @param method the request method, as sent
 * @param uri the request target, as sent
 * @param path the target's path, still percent-encoded (the origin-form path even when the target
 *     came in absolute form)
 * @param rawQuery the target's query without the {@code ?}, still percent-encoded; empty if none
 * @param params the query form-decoded: keys as sent, in order of first appearance, values in order
 */
record SimRequest(String method, String uri, String path, String rawQuery, Map<String, List<String>> params) {

    static SimRequest of(String method, String uri) {
        String target = originForm(uri);
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? "" : target.substring(question + 1);
        return new SimRequest(method, uri, path, rawQuery, QueryString.decodeForm(rawQuery));
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    /** The first value of a parameter, matched exactly; null when absent. */
    String first(String name) {
        List<String> values = params.get(name);
        return values == null ? null : values.get(0);
    }

    /** {@code http://host:port/p?q} → {@code /p?q}: a client may send the absolute form (RFC 9112 §3.2.2). */
    private static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (uri.startsWith("/") || scheme < 0) {
            return uri;
        }
        int slash = uri.indexOf('/', scheme + 3);
        int question = uri.indexOf('?', scheme + 3);
        if (slash < 0 || (question >= 0 && question < slash)) {
            return question < 0 ? "/" : "/" + uri.substring(question);
        }
        return uri.substring(slash);
    }
}
