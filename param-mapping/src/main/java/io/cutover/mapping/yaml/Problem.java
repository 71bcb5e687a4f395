package io.cutover.mapping.yaml;

/**
 * One thing wrong with a file an engineer edits, located by source, line and column so that the
 * message reads like a compiler's: {@code r-cfm.yaml:12:13: params.afftrack.as: 'subidd' (expected: …)}.
 *
 * @param source the file or resource name as the caller gave it
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when the problem concerns the whole file
 * @param message what is wrong and what was expected
 */
public record Problem(String source, int line, int column, String message) {

    /** Where the problem is. */
    public Position position() {
        return new Position(line, column);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ':' + position() + ": " + message : source + ": " + message;
    }
}
