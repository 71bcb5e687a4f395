package io.cutover.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cutover directory}'s usage errors; the import itself runs against DynamoDB Local in DynamoDbDirectoryServeTest. */
class DirectoryCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CutoverMain.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void isListedWithTheOtherCommands() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("directory load a directory file (YAML + affiliates CSV) into the DynamoDB table");
    }

    @Test
    void needsTheImportWordAFileAndATable() {
        assertThat(run("directory")).isEqualTo(2);
        assertThat(err()).contains("cutover directory: expected: directory import FILE --table TABLE");

        err.reset();
        assertThat(run("directory", "import", "--table", "t1")).isEqualTo(2);
        assertThat(err()).contains("cutover directory: FILE is required");

        err.reset();
        assertThat(run("directory", "import", "directory.yaml")).isEqualTo(2);
        assertThat(err()).contains("cutover directory: --table TABLE is required");
    }

    @Test
    void refusesAnEndpointThatIsNotAnHttpUrl() {
        assertThat(run("directory", "import", "directory.yaml", "--table", "t1", "--endpoint", "dynamo:8000"))
                .isEqualTo(2);
        assertThat(err()).contains("--endpoint: dynamo:8000 (expected: an http(s) URL such as http://127.0.0.1:8000)");
    }

    @Test
    void aFileThatCannotBeReadWritesNothing() {
        assertThat(run("directory", "import", "no-such-directory.yaml", "--table", "t1"))
                .isEqualTo(1);
        assertThat(err()).contains("no-such-directory.yaml: cannot read").contains("nothing was written to t1");
    }
}
