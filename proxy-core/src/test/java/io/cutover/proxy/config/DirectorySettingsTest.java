package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code directory:} section: which store, its cache, and the reload watch and refresh. */
class DirectorySettingsTest {

    @TempDir
    Path dir;

    private Path write(String directorySection) throws IOException {
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, """
                backends:
                  primary:
                    url: https://www.awin1.com
                """ + directorySection);
        return file;
    }

    @Test
    void theExampleConfigSelectsTheFileStoreWithTheDocumentedDefaults() throws IOException {
        Path copy = dir.resolve("cutover.yaml");
        Files.copy(Path.of("..", "config", "cutover.example.yaml"), copy);
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");

        DirectorySettings settings = ConfigLoader.load(copy, Map.of()).directory();

        assertThat(settings)
                .isEqualTo(new DirectorySettings(
                        DirectoryStoreKind.FILE,
                        "cutover-directory",
                        java.util.Optional.empty(),
                        "eu-west-1",
                        8,
                        100_000,
                        Duration.ofMinutes(5),
                        64,
                        java.util.Optional.empty(),
                        true,
                        Duration.ofSeconds(1)));
    }

    @Test
    void readsADynamoDbStoreWithoutADirectoryFile() throws IOException {
        Path file = write("""
                directory:
                  store: dynamodb
                  dynamodb:
                    table: cutover-directory
                    endpoint: http://127.0.0.1:8000
                    region: us-east-1
                    scan-segments: 16
                  cache-size: 5000
                  refresh: 10m
                  watch: false
                """);

        CutoverConfig config = ConfigLoader.load(file, Map.of());

        DirectorySettings settings = config.directory();
        assertThat(settings.store()).isEqualTo(DirectoryStoreKind.DYNAMODB);
        assertThat(settings.dynamodbTable()).isEqualTo("cutover-directory");
        assertThat(settings.dynamodbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(settings.dynamodbRegion()).isEqualTo("us-east-1");
        assertThat(settings.scanSegments()).isEqualTo(16);
        assertThat(settings.cacheSize()).isEqualTo(5000);
        assertThat(settings.refresh()).contains(Duration.ofMinutes(10));
        assertThat(settings.watch()).isFalse();
        assertThat(config.directoryFile()).isEmpty();
    }

    @Test
    void environmentVariablesSelectTheStore() throws IOException {
        Path file = write("directory:\n  file: directory.yaml\n");

        DirectorySettings settings = ConfigLoader.load(
                        file,
                        Map.of(
                                "CUTOVER_DIRECTORY_STORE", "dynamodb",
                                "CUTOVER_DIRECTORY_DYNAMODB_TABLE", "prod-directory",
                                "CUTOVER_DIRECTORY_REFRESH", "off"))
                .directory();

        assertThat(settings.store()).isEqualTo(DirectoryStoreKind.DYNAMODB);
        assertThat(settings.dynamodbTable()).isEqualTo("prod-directory");
        assertThat(settings.refresh()).isEmpty();
    }

    @Test
    void reportsEveryBadValueAsKeyValueExpected() throws IOException {
        Path file = write("""
                directory:
                  store: redis
                  file: directory.yaml
                  dynamodb:
                    table: "x"
                    endpoint: ftp://dynamo
                    region: Europe
                    scan-segments: 0
                  cache-size: -1
                  cache-expiry: forever
                  max-loads-in-flight: 0
                  refresh: 100ms
                  watch: sometimes
                  watch-interval: 0s
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "directory.store: redis (expected: one of file, dynamodb)",
                                        "directory.dynamodb.table: x (expected: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.')",
                                        "directory.dynamodb.endpoint: ftp://dynamo (expected: an http(s) URL such as http://127.0.0.1:8000)",
                                        "directory.dynamodb.region: Europe (expected: an AWS region such as eu-west-1)",
                                        "directory.dynamodb.scan-segments: 0 (expected: 1 to 1024)",
                                        "directory.cache-size: -1 (expected: 0 to 10000000)",
                                        "directory.cache-expiry: forever (expected: a duration such as 250ms, 2s or 1m)",
                                        "directory.max-loads-in-flight: 0 (expected: 1 to 4096)",
                                        "directory.refresh: 100ms (expected: off, or a duration of at least 1s such as 5m)",
                                        "directory.watch: sometimes (expected: true or false)",
                                        "directory.watch-interval: 0s (expected: > 0)"));
    }

    @Test
    void aDynamoDbStoreNeedsItsTable() throws IOException {
        Path file = write("directory:\n  store: dynamodb\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "directory.dynamodb.table: missing (expected: the DynamoDB table's name (directory.store is dynamodb))"));
    }
}
