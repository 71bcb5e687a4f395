package io.cutover.mapping.yaml;

import java.util.List;

/**
 * A file (mapping table, directory) was refused; carries every problem found, each with its
 * {@code file:line}. Unchecked because a refused reload is an expected outcome the caller reports,
 * not a programming error it must declare: the old snapshot keeps serving.
 */
public class InvalidFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final int omitted;

    /**
     * @param what what was being loaded, e.g. {@code mapping table}
     * @param problems the problems found, at least one
     */
    public InvalidFileException(String what, ProblemList problems) {
        super(describe(what, problems.problems(), problems.omitted()), null, false, false);
        this.problems = problems.problems();
        this.omitted = problems.omitted();
    }

    /** The problems, in the order found (at most {@link ProblemList#LIMIT}). */
    public List<Problem> problems() {
        return problems;
    }

    /** How many further problems were found and not kept. */
    public int omitted() {
        return omitted;
    }

    private static String describe(String what, List<Problem> problems, int omitted) {
        int total = problems.size() + omitted;
        StringBuilder text = new StringBuilder(64 + problems.size() * 80);
        text.append(what).append(" refused: ").append(total).append(total == 1 ? " problem" : " problems");
        for (Problem problem : problems) {
            text.append("\n  ").append(problem);
        }
        if (omitted > 0) {
            text.append("\n  … and ").append(omitted).append(" more");
        }
        return text.toString();
    }
}
