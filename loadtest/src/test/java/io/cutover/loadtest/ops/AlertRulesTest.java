package io.cutover.loadtest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules as Prometheus reads them: {@code promtool check rules} accepts them, {@code
 * promtool test rules} proves each alert fires (and stays quiet) on the series it should, and
 * every alert has its section in the runbook. Which metrics they name is checked against a running
 * Cutover by {@link MetricsUnderTrafficTest}.
 */
class AlertRulesTest {

    /** The alerts the operations issue asks for, by the names the rules give them. */
    private static final List<String> REQUIRED = List.of(
            "CutoverPrimaryBreakerOpen",
            "CutoverLocalAnswerRateHigh",
            "CutoverRetryQueueOldestAgeHigh",
            "CutoverSpoolNearFull",
            "CutoverDeadLetters",
            "CutoverP99LatencyHigh",
            "CutoverSyntheticClickFailing");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Result result = promtool("check", "rules", OpsFiles.RULES.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolUnitTestsOfTheAlertsPass() throws Exception {
        Result result = promtool("test", "rules", OpsFiles.RULE_TESTS.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRequiredAlertExistsAndEveryAlertHasItsRunbookSection() throws IOException {
        Map<String, Object> root = new Yaml().load(OpsFiles.read(OpsFiles.RULES));
        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                alerts.add(alert);
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                assertThat(annotations.get("runbook_url"))
                        .as("runbook_url of %s", alert)
                        .isEqualTo("ops/RUNBOOK.md#" + alert.toLowerCase(Locale.ROOT));
                assertThat(((Map<String, Object>) rule.get("labels")).get("severity"))
                        .as("severity of %s", alert)
                        .isIn("page", "warning");
            }
        }
        assertThat(alerts).containsAll(REQUIRED).doesNotHaveDuplicates();
        String runbook = Files.readString(OpsFiles.OPS.resolve("RUNBOOK.md"), StandardCharsets.UTF_8);
        for (String alert : alerts) {
            assertThat(runbook).as("RUNBOOK.md section for %s", alert).contains("\n## " + alert + "\n");
        }
    }

    private record Result(int exit, String output) {}

    private static Result promtool(String... args) throws Exception {
        Path promtool = onPath("promtool");
        assumeTrue(
                promtool != null, "promtool is not installed (Debian: apt-get install prometheus); rules not checked");
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("promtool finished within 60 s: " + output).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
