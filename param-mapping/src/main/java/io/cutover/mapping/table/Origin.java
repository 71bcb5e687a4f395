package io.cutover.mapping.table;

/**
 * Where something in a mapping file was written, for explain and error messages.
 *
 * @param source the file or resource name
 * @param line 1-based line
 */
public record Origin(String source, int line) {

    @Override
    public String toString() {
        return source + ':' + line;
    }
}
