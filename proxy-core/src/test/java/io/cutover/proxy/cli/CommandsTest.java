package io.cutover.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: output, exit status, errors. */
class CommandsTest {

    private static final String CLICK =
            "https://www.shareasale.com/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CutoverMain.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsItsCommands() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("serve", "explain", "check");
    }

    @Test
    void refusesAnUnknownCommandWithStatus2() {
        assertThat(run("srve")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'srve'");
    }

    @Test
    void explainsTheTranslationStepByStep() {
        assertThat(run("explain", CLICK)).isZero();

        assertThat(out())
                .contains("mapping  /r.cfm → /cread.php (r-cfm.yaml:")
                .containsPattern("m\\s+41388\\s+lookup merchant → awinmid\\s+awinmid=15532")
                .containsPattern("afftrack\\s+nov\\s+subid → clickref2")
                .contains("no Awin equivalent on a cread.php deep link")
                .contains("outcome  mapped")
                .contains("primary  https://www.awin1.com/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov"
                        + "&ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6")
                .contains("landing  https://www.example.com/page?id=6");
    }

    @Test
    void explainsAsJsonForScripts() throws IOException {
        assertThat(run("explain", "--json", "/r.cfm?b=1&u=111111&m=41388")).isZero();

        JsonNode doc = new ObjectMapper().readTree(out());
        assertThat(doc.get("outcome").asText()).isEqualTo("unmapped");
        assertThat(doc.get("reason").asText()).isEqualTo("affiliate 111111 is not in the directory");
        assertThat(doc.get("legacy").asText()).isEqualTo("/r.cfm?b=1&u=111111&m=41388");
        assertThat(doc.get("steps").get(0).get("parameter").asText()).isEqualTo("m");
    }

    @Test
    void explainsThatOtherPathsPassThrough() {
        assertThat(run("explain", "/image/41388/banner.gif")).isZero();
        assertThat(out()).contains("not a tracking link").contains("passed through to legacy unchanged");
    }

    @Test
    void explainNeedsOneUrl() {
        assertThat(run("explain")).isEqualTo(2);
        assertThat(err()).contains("a URL is required").contains("usage: cutover explain");
    }

    @Test
    void checksTheBuiltInTableAndSampleDirectory() {
        assertThat(run("check")).isZero();
        assertThat(out()).contains("mapping: /r.cfm").contains("2 merchants, 2 affiliates");
    }

    @Test
    void runsTheShippedGoldenCases() {
        assertThat(run("check", "--cases", "../mappings/cases")).as(err()).isZero();
        assertThat(out()).containsPattern("cases: \\.\\./mappings/cases: \\d+ passed, 0 failed");
    }

    @Test
    void printsADiffPerFailingCaseAndExitsNonZero() throws IOException {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.writeString(
                cases.resolve("ok.case"),
                "input: /r.cfm?u=873588&m=99999\nunmapped: merchant 99999 is not " + "in the directory\n");
        Files.writeString(
                cases.resolve("wrong.case"),
                "input: /sale.cfm?merchantID=41388&tracking=A&amount=2.00\n"
                        + "primary: /sread.img?tt=ns&tv=2&merchant=15532&ref=A&amount=1.00\n");

        assertThat(run("check", "--cases", cases.toString())).isEqualTo(1);
        assertThat(err())
                .contains("FAIL " + cases.resolve("wrong.case"))
                .contains("    - amount=1.00\n")
                .contains("    + amount=2.00\n")
                .contains("    + parts=DEFAULT%3A2.00\n")
                .doesNotContain("ok.case");
        assertThat(out()).contains("1 passed, 1 failed");
    }

    @Test
    void explainsEveryEndpoint() {
        assertThat(run("explain", "/u.cfm?d=440762&m=41388&u=873588")).isZero();
        assertThat(run("explain", "/m-pr.cfm?merchantID=41388&userID=873588&productID=546411875"))
                .isZero();
        assertThat(run(
                        "explain",
                        "--cookie",
                        "aw15532=15532_1700000000_ab12",
                        "/sale.cfm?merchantID=41388" + "&tracking=A1&amount=9.99&transtype=lead&sscid=41k7_n2lff"))
                .isZero();

        assertThat(out())
                .contains("https://www.awin1.com/cread.php?awinmid=15532&awinaffid=402911")
                .contains("https://www.awin1.com/pclick.php?m=15532&a=402911&p=33445566")
                .contains("parts=LEAD%3A9.99")
                .contains("cks=15532_1700000000_ab12")
                .contains("taken from cookie aw<advertiser>");
    }

    @Test
    void reportsEveryProblemOfABadMappingFileWithItsLine() throws IOException {
        Path bad = dir.resolve("r-cfm.yaml");
        Files.writeString(bad, """
                endpoint: /r.cfm
                primary: /cread.php
                params:
                  m: { to: awinmid, lookup: merchant }
                  u: { to: awinaffid, lookup: affilate }
                  afftrack: { to: clickref2, as: subidd }
                """);

        assertThat(run("check", "--mapping", bad.toString())).isEqualTo(1);
        assertThat(err()).contains("r-cfm.yaml:5:").contains("r-cfm.yaml:6:");
    }

    @Test
    void reportsConfigProblemsAsKeyValueExpected() throws IOException {
        Path config = dir.resolve("cutover.yaml");
        Files.writeString(config, "server:\n  port: -1\n");

        assertThat(run("check", "--config", config.toString())).isEqualTo(1);
        assertThat(err())
                .contains("configuration refused")
                .contains("server.port: -1 (expected: 0 to 65535)")
                .contains("backends.primary.url: missing");
    }

    @Test
    void serveNeedsAConfig() {
        assertThat(run("serve")).isEqualTo(2);
        assertThat(err()).contains("--config FILE is required");
    }
}
