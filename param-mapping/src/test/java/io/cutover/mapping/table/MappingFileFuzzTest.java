package io.cutover.mapping.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.yaml.Problem;
import java.util.List;

/**
 * A mapping file of any text compiles, or is refused with its problems, each at a line of the
 * file; nothing else escapes. Seeds are the shipped table and variants of it.
 */
class MappingFileFuzzTest {

    @FuzzTest
    @DictionaryEntries({
        "endpoint:",
        "primary:",
        "params:",
        "kind:",
        "from:",
        "to:",
        "aliases:",
        "default:",
        "/r.cfm",
        "/sale.cfm",
        "/u.cfm",
        "/m-pr.cfm",
        "---\\x0A",
        "\\x0A  ",
        "- ",
        ": ",
        "&a",
        "*a",
        "!!binary",
        "[",
        "{"
    })
    void anyTextCompilesOrIsRefusedWithItsLines(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        MappingTable table;
        try {
            table = MappingTable.compile(List.of(new MappingSource("fuzz.yaml", text)));
        } catch (MappingFileException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).isNotBlank();
            for (Problem problem : e.problems()) {
                assertThat(problem.source()).isEqualTo("fuzz.yaml");
                assertThat(problem.line()).isBetween(0, lineCount(text));
                assertThat(problem.message()).isNotBlank();
            }
            return;
        }
        Translator translator = new Translator(table, FileDirectory.sample());
        for (LinkKind kind : LinkKind.values()) {
            MappingResult result = translator.translate(kind, "b=1&u=873588&m=41388&merchantID=41388&amount=1.00");
            assertThat(result).isNotNull();
        }
    }

    private static int lineCount(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // YAML breaks lines at LF, CR, CRLF, NEL and the Unicode separators.
            if (c == '\n'
                    || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))
                    || c == '\u0085'
                    || c == '\u2028'
                    || c == '\u2029') {
                lines++;
            }
        }
        return lines;
    }
}
