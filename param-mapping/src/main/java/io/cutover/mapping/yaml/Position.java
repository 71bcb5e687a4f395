package io.cutover.mapping.yaml;

/**
 * A place in a file an engineer edits, as editors and compilers count: 1-based line and column.
 * Line 0 means the whole file.
 *
 * @param line 1-based line, or 0 for the whole file
 * @param column 1-based column, or 0 when only the line is known
 */
public record Position(int line, int column) {

    /** The whole file. */
    public static final Position FILE = new Position(0, 0);

    /** The start of a line: what a line-based format (CSV, an index file) can point at. */
    public static Position line(int line) {
        return line <= 0 ? FILE : new Position(line, 1);
    }

    /** {@code 12:5}, or {@code 12} when the column is unknown; empty for the whole file. */
    @Override
    public String toString() {
        if (line <= 0) {
            return "";
        }
        return column > 0 ? line + ":" + column : Integer.toString(line);
    }
}
