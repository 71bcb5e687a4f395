package io.cutover.proxy.config;

import java.util.List;

/**
 * A configuration that cannot start Cutover. Carries every problem found, one per line, in the
 * form {@code backends.primary.response-timeout: -5ms (expected: > 0)}.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + System.lineSeparator()
                + "  " + String.join(System.lineSeparator() + "  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code key: value (expected: …)}. */
    public List<String> problems() {
        return problems;
    }
}
