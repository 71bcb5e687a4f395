package io.cutover.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.proxy.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new LoadCommand().run(List.of(args), print, print);
    }

    @Test
    void listsEveryScenarioInItsUsage() {
        String usage = new LoadCommand().usage();
        for (Scenario scenario : Scenario.values()) {
            assertThat(usage).contains("  " + scenario.label() + " ");
        }
    }

    @Test
    void refusesAnUnknownScenarioAndABadDuration() {
        assertThatThrownBy(() -> run("primary-down"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown scenario primary-down");
        assertThatThrownBy(() -> run()).isInstanceOf(UsageException.class).hasMessage("which scenario?");
        assertThatThrownBy(() -> run("steady", "--duration", "10"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--duration: 10 (expected: a duration such as 500ms, 30s or 5m)");
    }

    @Test
    void runsAScenarioPrintsTheLedgerAndWritesTheSummary() throws Exception {
        int status = run(
                "steady",
                "--duration",
                "2s",
                "--rate",
                "40",
                "--connections",
                "2",
                "--event-loops",
                "1",
                "--out",
                dir.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        assertThat(printed)
                .contains("scenario steady: a healthy primary the whole run")
                .contains("— balances")
                .containsPattern("lost 0, double-counted 0, misrouted 0 — PASS");
        String summary = Files.readString(dir.resolve("summary.json"));
        assertThat(summary)
                .contains("\"scenario\" : \"steady\"")
                .contains("\"lost\" : 0")
                .contains("\"pass\" : true");
    }
}
