package io.cutover.mapping.table;

import io.cutover.mapping.yaml.Position;

/**
 * Where something in a mapping file was written, for explain and error messages.
 *
 * @param source the file or resource name
 * @param line 1-based line
 * @param column 1-based column
 */
public record Origin(String source, int line, int column) {

    Origin(String source, Position position) {
        this(source, position.line(), position.column());
    }

    public Position position() {
        return new Position(line, column);
    }

    @Override
    public String toString() {
        return source + ':' + position();
    }
}
