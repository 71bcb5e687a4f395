package io.cutover.mapping.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingTable;
import io.cutover.mapping.yaml.InvalidFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenCasesTest {

    private static final Path SHIPPED = Path.of("..", "mappings", "cases");
    private static final Translator BUILT_IN = new Translator(MappingTable.builtIn(), FileDirectory.sample());

    @Test
    void everyShippedCasePasses() {
        List<CaseResult> results = GoldenCases.run(BUILT_IN, GoldenCases.load(SHIPPED));

        assertThat(results).hasSizeGreaterThanOrEqualTo(60);
        assertThat(results)
                .filteredOn(result -> !result.passed())
                .extracting(result ->
                        result.goldenCase().name() + "\n" + result.diff().orElseThrow())
                .isEmpty();
    }

    @Test
    void theShippedCasesCoverEveryEndpointAndOutcome() {
        List<GoldenCase> cases = GoldenCases.load(SHIPPED);

        assertThat(cases).extracting(GoldenCase::expected).contains("primary", "unmapped", "rejected");
        assertThat(cases)
                .extracting(c -> c.input().substring(0, c.input().indexOf('?')))
                .contains("/r.cfm", "/u.cfm", "/m-pr.cfm", "/sale.cfm");
    }

    @Test
    void showsTheParametersThatDifferWhenACaseFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("wrong.case"), """
                # a case whose expectation is wrong on purpose
                input:   /r.cfm?u=873588&m=41388&afftrack=nov
                primary: /cread.php?awinmid=15532&awinaffid=1&clickref2=nov
                """);

        CaseResult result = GoldenCases.run(BUILT_IN, GoldenCases.load(dir)).get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.diff().orElseThrow())
                .contains("expected: primary: /cread.php?awinmid=15532&awinaffid=1&clickref2=nov")
                .contains("actual:   primary: /cread.php?awinmid=15532&awinaffid=402911&clickref2=nov")
                .contains("    - awinaffid=1\n")
                .contains("    + awinaffid=402911\n");
    }

    @Test
    void comparesAnUnmappedReason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.case"), "input: /r.cfm?u=873588&m=99999\nunmapped: something else\n");

        CaseResult result = GoldenCases.run(BUILT_IN, GoldenCases.load(dir)).get(0);

        assertThat(result.diff().orElseThrow()).contains("actual:   unmapped: merchant 99999 is not in the directory");
    }

    @Test
    void refusesACaseFileWithProblemsNamingFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.case"), "input: /r.cfm?m=1\nexpect: nothing\n");

        assertThatThrownBy(() -> GoldenCases.load(dir))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("bad.case:2:1: expect: unknown key (expected: one of input, cookie, primary, "
                        + "unmapped, rejected)")
                .hasMessageContaining("bad.case: no expectation");
    }
}
