package io.cutover.mapping.query;

/**
 * One {@code name=value} pair of a legacy query.
 *
 * @param name the name as written in the request ({@code M}, {@code merchantID}), for explain
 * @param key the name for matching: decoded and ASCII lower-cased, since ColdFusion matched query
 *     names case-insensitively (platforms.md §6.2)
 * @param rawValue the value still percent-encoded, exactly as received; each rule decodes it its
 *     own way (URLs per RFC 3986, sub-IDs as form data)
 * @param hasEquals whether the pair had an {@code =} at all ({@code flag} vs {@code flag=}), so
 *     that a pair re-attached to a landing URL is written back as it came
 */
public record Param(String name, String key, String rawValue, boolean hasEquals) {

    /** The pair as it appeared in the query: {@code name=rawValue}, or just {@code name}. */
    public String pairText() {
        return hasEquals ? name + '=' + rawValue : name;
    }
}
