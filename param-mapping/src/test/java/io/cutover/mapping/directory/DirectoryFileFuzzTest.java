package io.cutover.mapping.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.mapping.yaml.Problem;

/**
 * A directory file of any text loads, or is refused with its problems, each at a line of the
 * file; nothing else escapes, and a loaded directory only holds usable entries.
 */
class DirectoryFileFuzzTest {

    @FuzzTest
    @DictionaryEntries({
        "merchants:",
        "affiliates:",
        "advertiser:",
        "landing:",
        "domains:",
        "affiliates-file:",
        "41388",
        "873588",
        "https://www.example.com/",
        "[example.com]",
        "\\x0A  ",
        "\\x0A    ",
        ": ",
        "- ",
        "&a",
        "*a",
        "{",
        "["
    })
    void anyTextLoadsOrIsRefusedWithItsLines(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        FileDirectory directory;
        try {
            directory = FileDirectory.parse("fuzz.yaml", text);
        } catch (DirectoryFileException e) {
            assertThat(e.problems()).isNotEmpty();
            for (Problem problem : e.problems()) {
                assertThat(problem.source()).startsWith("fuzz.yaml");
                assertThat(problem.line()).isGreaterThanOrEqualTo(0);
                assertThat(problem.message()).isNotBlank();
            }
            return;
        }
        for (Merchant merchant : directory.merchants()) {
            assertThat(merchant.legacyId()).matches("0|[1-9][0-9]*");
            assertThat(merchant.advertiserId()).matches("[0-9]+");
            assertThat(directory.merchant(merchant.legacyId())).contains(merchant);
            assertThat(merchant.defaultLanding()).startsWith("http");
        }
        assertThat(directory.merchantCount()).isEqualTo(directory.merchants().size());
    }
}
