package io.cutover.mapping.yaml;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects every problem found while reading one or more files, so that an engineer sees all of
 * them at once instead of fixing one per reload. Bounded: past {@link #LIMIT} problems only a count
 * is kept, because a broken 250,000-line CSV must not produce a 250,000-line error.
 */
public final class ProblemList {

    /** The most problems kept with their text. */
    public static final int LIMIT = 100;

    private final List<Problem> problems = new ArrayList<>();
    private int omitted;

    /**
     * Records a problem at the start of a 1-based line of a source (0: the whole file), for
     * line-based formats such as CSV and index files.
     */
    public void add(String source, int line, String message) {
        add(source, Position.line(line), message);
    }

    /** Records a problem at a line and column of a source. */
    public void add(String source, Position position, String message) {
        if (problems.size() < LIMIT) {
            problems.add(new Problem(source, position.line(), position.column(), message));
        } else {
            omitted++;
        }
    }

    /** Records a problem where a YAML node starts. */
    public void add(String source, Node node, String message) {
        add(source, positionOf(node), message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems kept, in the order found. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** How many problems were found beyond {@link #LIMIT} and not kept. */
    public int omitted() {
        return omitted;
    }

    /** The 1-based line where a node starts. */
    public static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** The 1-based line and column where a node starts. */
    public static Position positionOf(Node node) {
        return node.getStartMark() == null
                ? Position.FILE
                : new Position(
                        node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }
}
