package io.cutover.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.Unmapped;
import io.cutover.mapping.testing.DynamoDbLocal;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.cli.DirectoryCommand;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The production directory end to end against DynamoDB Local: {@code cutover directory import}
 * fills the table, Cutover preloads it at start (ready only then), a key added afterwards is
 * loaded on its own, and {@code POST /admin/reload} swaps in what changed.
 */
@ExtendWith(NettyLeaks.class)
class DynamoDbDirectoryServeTest {

    private static DynamoDbLocal dynamo;
    private static DynamoDbAsyncClient client;

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        dynamo = DynamoDbLocal.start();
        client = dynamo.client();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        client.close();
        dynamo.close();
    }

    private Path export() throws Exception {
        StringBuilder csv = new StringBuilder("legacy affiliate id,Awin publisher id\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(2_000_000 + i).append(',').append(3_000_000 + i).append('\n');
        }
        Files.writeString(dir.resolve("affiliates.csv"), csv);
        Path file = dir.resolve("directory.yaml");
        Files.writeString(file, """
                merchants:
                  41388: { advertiser: 15532, landing: "https://www.example.com/", domains: [example.com] }
                  24570: { advertiser: 10990, landing: "https://shop.example.org/welcome", domains: [example.org] }
                affiliates:
                  873588: 402911
                affiliates-file: affiliates.csv
                """);
        return file;
    }

    private int runImport(String table, List<String> extra, ByteArrayOutputStream out, ByteArrayOutputStream err)
            throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                "import",
                export().toString(),
                "--table",
                table,
                "--endpoint",
                dynamo.endpoint().toString()));
        args.addAll(extra);
        return new DirectoryCommand()
                .run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Cutover start(String table) throws Exception {
        return start(table, "");
    }

    private Cutover start(String table, String directorySettings) throws Exception {
        Path config = dir.resolve("cutover.yaml");
        Files.writeString(config, """
                server: { host: 127.0.0.1, port: 0, event-loops: 1 }
                admin: { host: 127.0.0.1, port: 0, token: test-admin-token-0123456789 }
                backends:
                  primary: { url: "http://127.0.0.1:9" }
                directory:
                  store: dynamodb
                  dynamodb: { table: %s, endpoint: "%s", region: eu-west-1, scan-segments: 3 }
                  watch: false
                %s
                access-log: "off"
                """.formatted(table, dynamo.endpoint(), directorySettings));
        return Cutover.start(ConfigLoader.load(config, Map.of()));
    }

    private HttpResponse<String> admin(Cutover cutover, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cutover.adminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer test-admin-token-0123456789")
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static MappingResult click(Cutover cutover, String affiliate) {
        return cutover.translator().translate(LinkKind.BANNER_CLICK, "b=1&u=" + affiliate + "&m=41388&urllink=");
    }

    @Test
    void importsPreloadsLoadsAMissAndReloads() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(runImport("directory-serve", List.of("--create"), out, err))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("imported 2 merchants and 1001 affiliates into directory-serve in ");

        try (Cutover cutover = start("directory-serve")) {
            HttpResponse<String> ready = admin(cutover, "GET", "/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("2 merchants and 1001 affiliates preloaded");

            assertThat(click(cutover, "2000999"))
                    .isInstanceOfSatisfying(
                            Mapped.class,
                            mapped -> assertThat(mapped.primary().query()).contains("awinaffid=3000999"));

            // Added after the preload: the first click goes unmapped and starts the load.
            putAffiliate("directory-serve", "4000001", "5000001");
            assertThat(click(cutover, "4000001")).isInstanceOf(Unmapped.class);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(click(cutover, "4000001"))
                            .isInstanceOfSatisfying(
                                    Mapped.class,
                                    mapped ->
                                            assertThat(mapped.primary().query()).contains("awinaffid=5000001")));

            // Changed in the table: visible after a reload, which preloads the table again.
            putAffiliate("directory-serve", "873588", "999001");
            HttpResponse<String> reload = admin(cutover, "POST", "/admin/reload");
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            assertThat(reload.body())
                    .startsWith("{\"result\":\"ok\",\"trigger\":\"admin\",\"directory_reloaded\":true")
                    .contains("\"directory\":{\"source\":\"dynamodb table directory-serve\",\"merchants\":2,"
                            + "\"affiliates\":1002}");
            assertThat(click(cutover, "873588"))
                    .isInstanceOfSatisfying(
                            Mapped.class,
                            mapped -> assertThat(mapped.primary().query()).contains("awinaffid=999001"));
            assertThat(admin(cutover, "GET", "/metrics").body())
                    .contains("cutover_reloads_total{result=\"ok\",trigger=\"admin\"} 1")
                    .contains("cutover_directory_loads_total{result=\"started\"} 1");
        }
    }

    @Test
    void aPeriodicRefreshSwapsInWhatChangedInTheTable() throws Exception {
        assertThat(runImport(
                        "directory-refresh",
                        List.of("--create"),
                        new ByteArrayOutputStream(),
                        new ByteArrayOutputStream()))
                .isZero();
        try (Cutover cutover = start("directory-refresh", "  refresh: 1s")) {
            assertThat(click(cutover, "873588"))
                    .isInstanceOfSatisfying(
                            Mapped.class,
                            mapped -> assertThat(mapped.primary().query()).contains("awinaffid=402911"));

            putAffiliate("directory-refresh", "873588", "999002");

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(click(cutover, "873588"))
                            .isInstanceOfSatisfying(
                                    Mapped.class,
                                    mapped ->
                                            assertThat(mapped.primary().query()).contains("awinaffid=999002")));
            assertThat(admin(cutover, "GET", "/metrics").body())
                    .contains("cutover_reloads_total{result=\"ok\",trigger=\"refresh\"}");
        }
    }

    @Test
    void aBadExportWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                "merchants:\n  41388: { advertiser: abc, landing: \"https://www.example.com/\", "
                        + "domains: [example.com] }\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new DirectoryCommand()
                .run(
                        List.of("import", bad.toString(), "--table", "never-written"),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(bad + ":2:12: merchants.41388.advertiser: 'abc'")
                .contains("nothing was written to never-written");
        assertThat(client.listTables().join().tableNames()).doesNotContain("never-written");
    }

    private static void putAffiliate(String table, String legacy, String publisher) {
        client.putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "pk",
                                AttributeValue.fromS("affiliate#" + legacy),
                                "publisher",
                                AttributeValue.fromS(publisher))))
                .join();
    }
}
