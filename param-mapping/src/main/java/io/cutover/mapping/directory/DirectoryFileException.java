package io.cutover.mapping.directory;

import io.cutover.mapping.yaml.InvalidFileException;
import io.cutover.mapping.yaml.ProblemList;

/**
 * A directory file (YAML, or the affiliates CSV it names) was refused; every problem is listed as
 * {@code file:line: message}. A reload that throws this leaves the previous directory serving.
 */
public final class DirectoryFileException extends InvalidFileException {

    private static final long serialVersionUID = 1L;

    public DirectoryFileException(ProblemList problems) {
        super("directory", problems);
    }
}
