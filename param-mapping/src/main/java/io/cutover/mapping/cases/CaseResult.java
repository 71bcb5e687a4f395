package io.cutover.mapping.cases;

import java.util.Optional;

/**
 * What one golden case gave.
 *
 * @param goldenCase the case
 * @param actual what the table gave, in the case file's words ({@code primary: /sread.img?…})
 * @param diff empty when the case passed; else a readable diff of expected and actual
 */
public record CaseResult(GoldenCase goldenCase, String actual, Optional<String> diff) {

    public boolean passed() {
        return diff.isEmpty();
    }
}
