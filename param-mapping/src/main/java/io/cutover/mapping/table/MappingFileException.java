package io.cutover.mapping.table;

import io.cutover.mapping.yaml.InvalidFileException;
import io.cutover.mapping.yaml.ProblemList;

/**
 * Mapping files were refused; every problem is listed as {@code file:line: path: message}. A reload
 * that throws this leaves the previous table serving.
 */
public final class MappingFileException extends InvalidFileException {

    private static final long serialVersionUID = 1L;

    public MappingFileException(ProblemList problems) {
        super("mapping table", problems);
    }
}
