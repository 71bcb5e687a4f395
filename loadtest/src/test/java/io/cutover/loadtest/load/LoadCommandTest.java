package io.cutover.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.cli.CutoverMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cutover load} as its usage line has it: {@code cutover load ACTION --help} is that action's usage. */
class LoadCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CutoverMain.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anActionsHelpIsThatActionsUsage() {
        assertThat(run("load", "compare", "--help")).isZero();
        assertThat(printed()).startsWith("usage: cutover load compare").contains("--base-port N", "N … N+5");
    }

    @Test
    void helpNamesAnActionTheSameWay() {
        assertThat(run("help", "load", "run")).isZero();
        assertThat(printed()).startsWith("usage: cutover load run");
    }

    @Test
    void loadAloneOrAnUnknownActionListsTheActions() {
        assertThat(run("load", "--help")).isZero();
        assertThat(printed())
                .startsWith("usage: cutover load ACTION")
                .contains("  compare ")
                .contains("  steady ");
        out.reset();
        assertThat(run("help", "load", "no-such-action")).isZero();
        assertThat(printed()).startsWith("usage: cutover load ACTION");
    }
}
