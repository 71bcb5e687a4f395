package io.cutover.loadtest.load;

import java.util.List;

/**
 * One request of the corpus, as a publisher page or a merchant's thank-you page sends it.
 *
 * @param name what the report calls it, e.g. {@code r.cfm-deep-link}
 * @param endpoint the legacy endpoint it hits ({@code r.cfm}, {@code u.cfm}, {@code m-pr.cfm},
 *     {@code sale.cfm}, or {@code other}), for counts by endpoint
 * @param target the request target, sent byte for byte (messy shapes included)
 * @param headers extra header lines ({@code Name: value}) after Host and User-Agent
 */
public record CorpusRequest(String name, String endpoint, String target, List<String> headers) {

    public CorpusRequest {
        if (name.isBlank() || endpoint.isBlank()) {
            throw new IllegalArgumentException("a corpus request needs a name and an endpoint");
        }
        if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException(
                    "target: " + target + " (expected: an origin-form target of visible ASCII characters)");
        }
        headers = List.copyOf(headers);
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon < 1 || header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header: " + header + " (expected: Name: value on one line)");
            }
        }
    }

    public CorpusRequest(String name, String endpoint, String target) {
        this(name, endpoint, target, List.of());
    }
}
