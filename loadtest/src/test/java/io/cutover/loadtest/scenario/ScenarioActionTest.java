package io.cutover.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.loadtest.load.LoadCommand;
import io.cutover.proxy.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioActionTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int load(String... args) throws Exception {
        return new LoadCommand()
                .run(
                        List.of(args),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void everyScenarioIsALoadActionAndListedInTheUsage() {
        String usage = new LoadCommand().usage();
        String scenarioUsage = new ScenarioAction.Steady().usage();
        assertThat(usage).contains("all ");
        for (Scenario scenario : Scenario.values()) {
            assertThat(usage).contains("  " + scenario.label() + " ");
            assertThat(scenarioUsage).contains("  " + scenario.label() + " ");
        }
    }

    @Test
    void refusesAnUnknownScenarioAndABadDuration() throws Exception {
        assertThatThrownBy(() -> load("primary-down"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown action 'primary-down'");

        assertThat(load("steady", "--duration", "10")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("cutover load steady: --duration: 10 (expected: a duration such as 500ms, 30s or 5m)");
    }

    @Test
    void runsAScenarioPrintsTheLedgerAndWritesTheReport() throws Exception {
        int status = load(
                "steady",
                "--duration",
                "2s",
                "--rate",
                "40",
                "--connections",
                "4",
                "--event-loops",
                "1",
                "--out",
                dir.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        assertThat(printed)
                .contains("scenario steady: a healthy primary the whole run")
                .contains("— balances")
                .contains("lost 0, double-counted 0, misrouted 0 — PASS");
        assertThat(Files.readString(dir.resolve("report.json")))
                .contains("\"scenario\" : \"steady\"")
                .contains("\"lost\" : 0")
                .contains("\"pass\" : true");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg");
    }
}
