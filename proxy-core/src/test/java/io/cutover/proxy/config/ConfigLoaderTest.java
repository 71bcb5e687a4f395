package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String MINIMAL = """
            backends:
              primary:
                url: https://www.awin1.com
            directory:
              file: directory.yaml
            """;

    @Test
    void loadsTheShippedExampleConfig() throws IOException {
        Path example = Path.of("..", "config", "cutover.example.yaml");
        Path copy = dir.resolve("cutover.yaml");
        Files.copy(example, copy);
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");

        CutoverConfig config = ConfigLoader.load(copy, Map.of());

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().maxInitialLine()).isEqualTo(8192);
        assertThat(config.edge().requestHeadTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(config.edge().maxConnectionsPerClient()).isEqualTo(256);
        assertThat(config.edge().trustedProxies()).isEmpty();
        assertThat(config.rateLimit().enabled()).isTrue();
        assertThat(config.rateLimit().burst()).isEqualTo(100);
        assertThat(config.primary().url().toString()).isEqualTo("https://www.awin1.com");
        assertThat(config.primary().tls()).isTrue();
        assertThat(config.primary().port()).isEqualTo(443);
        assertThat(config.legacy()).get().satisfies(legacy -> {
            assertThat(legacy.hostHeader()).isEqualTo("www.shareasale.com");
            assertThat(legacy.host()).isEqualTo("origin.shareasale.example");
        });
        assertThat(config.deadlines().click()).isEqualTo(Duration.ofMillis(800));
        assertThat(config.cookieDomain()).contains(".shareasale.com");
        assertThat(config.directoryFile()).contains(dir.resolve("directory.yaml"));
        assertThat(config.mappingFiles()).isEmpty();
        assertThat(config.unknownAffiliate().publisher()).contains("13430");
        assertThat(config.queue().url())
                .contains(java.net.URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/cutover-retry"));
        assertThat(config.replay().enabled()).isTrue();
        assertThat(config.replay().pollWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.replay().maxReceives()).isEqualTo(8);
        assertThat(config.replay().backoffMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.replay().deadLetterQueueUrl())
                .contains("https://sqs.eu-west-1.amazonaws.com/123456789012/cutover-retry-dead");
    }

    @Test
    void leavesReplayOffByDefaultAndRefusesItWithoutItsQueues() throws IOException {
        assertThat(ConfigLoader.load(write(MINIMAL), Map.of()).replay().enabled())
                .isFalse();

        assertThatThrownBy(() -> ConfigLoader.load(
                        write(
                                MINIMAL
                                        + "replay:\n  enabled: true\n  poll-wait: 30s\n  backoff-base: 2s\n  backoff-max: 1s\n"),
                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("replay.poll-wait: PT30S (expected: 1s to 20s (SQS's long-polling bound))")
                .hasMessageContaining("replay.backoff-max: PT1S (expected: >= replay.backoff-base (PT2S))")
                .hasMessageContaining(
                        "queue.url: missing (expected: the retry queue's URL when replay.enabled is true)")
                .hasMessageContaining("replay.dead-letter-queue-url: missing (expected: the dead-letter queue's URL");
    }

    @Test
    void refusesAVisibilityTimeoutShorterThanADelivery() throws IOException {
        String yaml = MINIMAL.replace(
                        "    url: https://www.awin1.com", "    url: https://www.awin1.com\n    response-timeout: 2s")
                + "replay:\n  visibility-timeout: 1s\n";
        assertThatThrownBy(() -> ConfigLoader.load(write(yaml), Map.of()))
                .hasMessageContaining(
                        "replay.visibility-timeout: PT1S (expected: > backends.primary.connect-timeout + response-timeout (PT2.25S))");
    }

    @Test
    void readsTheUnknownAffiliatePublisherAndRefusesOneThatIsNotAnId() throws IOException {
        assertThat(ConfigLoader.load(write(MINIMAL), Map.of())
                        .unknownAffiliate()
                        .publisher())
                .isEmpty();
        Path bad = write(MINIMAL.replace("directory:\n", "directory:\n  unknown-affiliate: broken-links\n"));

        assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("directory.unknown-affiliate: broken-links (expected: an Awin "
                                        + "publisher id, a number such as 13430)"));
    }

    @Test
    void appliesDefaultsToAMinimalConfig() throws IOException {
        CutoverConfig config = ConfigLoader.load(write(MINIMAL), Map.of());

        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().transport()).isEqualTo(TransportKind.AUTO);
        assertThat(config.admin().host()).isEqualTo("127.0.0.1");
        assertThat(config.legacy()).isEmpty();
        assertThat(config.primary().hostHeader()).isEqualTo("www.awin1.com");
        assertThat(config.primary().responseTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.fallbackLanding()).isEqualTo("https://www.awin.com/");
        assertThat(config.accessLog()).isEqualTo("stdout");
    }

    @Test
    void readsAccessLogOffAsOffHoweverYamlTypesIt() throws IOException {
        // The example documents `access-log: stdout | off | a file path`; YAML 1.1 reads an
        // unquoted off (and no, false) as a boolean, which once became a file named "false".
        for (String written : List.of("off", "'off'", "false", "no", "OFF")) {
            CutoverConfig config = ConfigLoader.load(write(MINIMAL + "access-log: " + written + "\n"), Map.of());
            assertThat(config.accessLog()).as(written).isEqualTo("off");
        }
        assertThat(ConfigLoader.load(write(MINIMAL), Map.of("CUTOVER_ACCESS_LOG", "off"))
                        .accessLog())
                .isEqualTo("off");
        assertThat(ConfigLoader.load(write(MINIMAL + "access-log: stdout\n"), Map.of())
                        .accessLog())
                .isEqualTo("stdout");
        assertThat(ConfigLoader.load(write(MINIMAL + "access-log: logs/access.jsonl\n"), Map.of())
                        .accessLog())
                .isEqualTo("logs/access.jsonl");
    }

    @Test
    void refusesAccessLogOnSinceItNamesNoTarget() throws IOException {
        Path file = write(MINIMAL + "access-log: on\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("access-log: true (expected: stdout, off, or a file path)");
    }

    @Test
    void refusesAYamlSwitchWhereTextIsExpected() throws IOException {
        Path file = write(
                MINIMAL.replace("url: https://www.awin1.com", "url: https://www.awin1.com\n    host-header: yes"));

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends.primary.host-header: true (expected: text; YAML reads an unquoted on,"
                        + " off, yes, no, true or false as a switch: quote it)");
    }

    @Test
    void letsEnvironmentVariablesOverrideEveryKey() throws IOException {
        Map<String, String> env = Map.of(
                "CUTOVER_SERVER_PORT", "9000",
                "CUTOVER_BACKENDS_PRIMARY_RESPONSE_TIMEOUT", "2s",
                "CUTOVER_BACKENDS_LEGACY_URL", "http://127.0.0.1:8082",
                "CUTOVER_MAPPING_FILES", "a.yaml, b.yaml",
                "CUTOVER_JAVA_OPTS", "-Xmx1g");
        Files.writeString(dir.resolve("a.yaml"), "");
        Files.writeString(dir.resolve("b.yaml"), "");

        CutoverConfig config = ConfigLoader.load(write(MINIMAL), env);

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.primary().responseTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.legacy()).get().satisfies(legacy -> {
            assertThat(legacy.hostHeader()).isEqualTo("127.0.0.1:8082");
            assertThat(legacy.port()).isEqualTo(8082);
            assertThat(legacy.tls()).isFalse();
        });
        assertThat(config.mappingFiles()).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yaml"));
    }

    @Test
    void reportsEveryProblemAtOnceAsKeyValueExpected() throws IOException {
        Path file = write("""
                server:
                  port: 70000
                  idle-timeout: 10
                  transport: kqueue
                backends:
                  primary:
                    url: ftp://awin.example
                    response-timeout: -5ms
                deadlines:
                  click: 0ms
                directory:
                  file: directory.yaml
                fallback:
                  landing: javascript:alert(1)
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "server.port: 70000 (expected: 0 to 65535)",
                                        "server.transport: kqueue (expected: one of auto, epoll, nio)",
                                        "server.idle-timeout: 10 (expected: a duration such as 250ms, 2s or 1m)",
                                        "backends.primary.url: ftp://awin.example (expected: an http(s) URL such as https://www.awin1.com)",
                                        "backends.primary.response-timeout: -5ms (expected: > 0)",
                                        "deadlines.click: 0ms (expected: > 0)",
                                        "fallback.landing: javascript:alert(1) (expected: an absolute http(s) URL)"));
    }

    @Test
    void readsTheEdgeKeysAndRefusesBadOnes() throws IOException {
        Path good = write(MINIMAL + "server:\n  trusted-proxies: [10.0.0.0/8, '2001:db8::/32']\n"
                + "  client-ip-header: X-Real-IP\n  request-head-timeout: 2s\n");
        CutoverConfig config = ConfigLoader.load(good, Map.of());
        assertThat(config.edge().isTrustedProxy("10.9.8.7")).isTrue();
        assertThat(config.edge().isTrustedProxy("2001:db8::1")).isTrue();
        assertThat(config.edge().isTrustedProxy("192.0.2.1")).isFalse();
        assertThat(config.edge().clientIpHeader()).isEqualTo("x-real-ip");

        Path bad = write(MINIMAL + "server:\n  trusted-proxies: [10.0.0.0/40]\n  request-head-timeout: 2m\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "server.request-head-timeout: 2m (expected: <= server.idle-timeout (1m))",
                                        "server.trusted-proxies: 10.0.0.0/40 (expected: addresses or CIDR blocks"
                                                + " such as 10.0.0.0/8, 2001:db8::/32)"));
    }

    @Test
    void refusesAMissingPrimaryAndDirectory() throws IOException {
        Path file = write("server:\n  port: 8080\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "backends.primary.url: missing (expected: an http(s) URL such as https://www.awin1.com)",
                                        "directory.file: missing (expected: a directory file, or 'sample' for the built-in sandbox data)"));
    }

    @Test
    void refusesUnknownKeysNamingTheKnownOnes() throws IOException {
        Path file = write(MINIMAL + "server:\n  prot: 8080\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("server.prot: unknown setting (expected: one of host, port, event-loops,"));
    }

    @Test
    void refusesUnknownEnvironmentOverrides() throws IOException {
        Path file = write(MINIMAL);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("CUTOVER_SERVER_PROT", "1")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("CUTOVER_SERVER_PROT: unknown setting"));
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() throws IOException {
        Path file = write("server:\n  port: 8080\n   host: x\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith(file + ":3: ")
                                .endsWith("(expected: valid YAML)"));
    }

    @Test
    void acceptsTheSampleDirectoryOnlyByName() throws IOException {
        Path file = write(MINIMAL.replace("file: directory.yaml", "file: sample"));

        assertThat(ConfigLoader.load(file, Map.of()).directoryFile()).isEmpty();
    }

    @Test
    void refusesMissingMappingAndDirectoryFiles() throws IOException {
        Path file = write(
                MINIMAL.replace("file: directory.yaml", "file: nowhere.yaml") + "mapping:\n  files: [gone.yaml]\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "mapping.files: gone.yaml (expected: readable mapping files (not found: "
                                                + dir.resolve("gone.yaml") + "))",
                                        "directory.file: nowhere.yaml (expected: a readable file (not found: "
                                                + dir.resolve("nowhere.yaml") + "))"));
    }

    @Test
    void parsesDurationsAndSizesWithUnits() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("100")).isNull();
        assertThat(Durations.parse("ms")).isNull();
        assertThat(Durations.format(Duration.ofMillis(800))).isEqualTo("800ms");
        assertThat(Sizes.parse("16KiB")).isEqualTo(16384);
        assertThat(Sizes.parse("1MiB")).isEqualTo(1048576);
        assertThat(Sizes.parse("12 parsecs")).isEqualTo(-1);
    }
}
