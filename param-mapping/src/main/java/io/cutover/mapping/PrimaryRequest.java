package io.cutover.mapping;

/**
 * The translated request for the primary platform (Awin), as origin-form path and query.
 *
 * @param path e.g. {@code /cread.php}
 * @param query the encoded query without {@code ?}, e.g. {@code awinmid=15532&awinaffid=402911}
 */
public record PrimaryRequest(String path, String query) {

    /** {@code path?query}, or just the path when the query is empty. */
    public String pathAndQuery() {
        return query.isEmpty() ? path : path + '?' + query;
    }
}
