package io.cutover.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.ledger.Reconciliation;
import io.cutover.loadtest.load.LoadHooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The short version of every scenario: a few seconds of load through the real sandbox (Cutover as
 * a child process where it is killed), the faults at their moments, the drain, and the ledger,
 * which must balance. Rates are low: this proves that nothing is lost, not how fast it goes.
 */
class ScenarioLedgerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void theLedgerBalancesAfterTheShortRun(Scenario scenario) throws Exception {
        // The kill needs time for a second JVM to start; the others a few seconds of traffic.
        Duration duration = scenario.childProcess() ? Duration.ofSeconds(6) : Duration.ofSeconds(3);
        ScenarioOptions options =
                new ScenarioOptions(duration, 60, 4, 5_000, 1, Duration.ofSeconds(60), dir.resolve(scenario.label()));
        List<String> moves = new ArrayList<>();

        ScenarioResult result = new ScenarioRun(scenario, options, LoadHooks.quiet(), moves::add).run();

        String report = report(result);
        Reconciliation ledger = result.ledger();
        assertThat(result.passes()).as(report).isTrue();
        assertThat(ledger.sent()).as(report).isPositive();
        assertThat(ledger.lost()).as(report).isEmpty();
        assertThat(ledger.doubleCounted()).as(report).isEmpty();
        assertThat(ledger.misrouted()).as(report).isEmpty();
        assertThat(result.drained()).as(report).isTrue();
        assertThat(ledger.queued() + ledger.spooled())
                .as("all replayed once drained: " + report)
                .isZero();
        assertThat(result.load().faults()).as(report).hasSize(expectedWindows(scenario));
        assertThat(moves)
                .as("every move ran")
                .hasSizeGreaterThanOrEqualTo(scenario.steps().size());
        switch (scenario) {
            case KILL_AND_RESTART ->
                assertThat(result.unanswered())
                        .as("refused while Cutover was down: " + report)
                        .isPositive();
            case LEGACY_ALSO_DOWN, SQS_DOWN ->
                assertThat(ledger.counted() + ledger.rejected())
                        .as("answered locally and replayed: " + report)
                        .isEqualTo(ledger.sent());
            default -> {
                // The others only need the ledger: a client timeout on a loaded machine is no loss.
            }
        }
    }

    private static int expectedWindows(Scenario scenario) {
        return switch (scenario) {
            case STEADY -> 0;
            case PRIMARY_OUTAGE, PRIMARY_SLOW, PRIMARY_5XX_BURST, SPIKE -> 1;
            case LEGACY_ALSO_DOWN -> 2;
            case SQS_DOWN -> 3;
            case MAPPING_RELOAD_UNDER_LOAD -> 13;
            case KILL_AND_RESTART -> 4;
        };
    }

    private static String report(ScenarioResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScenarioReport.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
