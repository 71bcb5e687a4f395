package io.cutover.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.Translator;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload from files, as {@code serve} runs it: the mapping file and the directory file are
 * watched; an edit swaps in a new snapshot, a bad edit is refused with file:line while the old
 * snapshot serves, and {@code POST /admin/reload} answers with the same result as JSON.
 */
@ExtendWith(NettyLeaks.class)
class FileReloadTest {

    private static final String CLICK = "b=1&u=873588&m=41388&urllink=";

    @TempDir
    Path dir;

    private Path mapping;
    private Path directory;
    private Cutover cutover;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        mapping = dir.resolve("r-cfm.yaml");
        Files.copy(Path.of("..", "mappings", "r-cfm.yaml"), mapping);
        directory = dir.resolve("directory.yaml");
        Files.copy(Path.of("..", "config", "directory", "sample.yaml"), directory);
        Path config = Files.writeString(dir.resolve("cutover.yaml"), """
                server: { host: 127.0.0.1, port: 0, event-loops: 1 }
                admin: { host: 127.0.0.1, port: 0, token: test-admin-token-0123456789 }
                backends:
                  primary: { url: "http://127.0.0.1:9" }
                mapping:
                  files: [r-cfm.yaml]
                directory:
                  file: directory.yaml
                  watch-interval: 50ms
                access-log: "off"
                """);
        cutover = Cutover.start(ConfigLoader.load(config, Map.of()));
    }

    @AfterEach
    void stop() {
        cutover.close();
    }

    /** Replaces a file the way editors save: write a temporary file, rename it over the old. */
    private void save(Path file, String text) throws Exception {
        Path temporary = Files.writeString(file.resolveSibling("." + file.getFileName() + ".tmp"), text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String publisherQuery() {
        return ((Mapped) cutover.translator().translate(LinkKind.BANNER_CLICK, CLICK))
                .primary()
                .query();
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cutover.adminPort() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer test-admin-token-0123456789")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anEditedDirectoryIsSwappedIn() throws Exception {
        assertThat(publisherQuery()).contains("awinaffid=402911");
        assertThat(admin("GET", "/readyz").body())
                .contains("\"mapping\"")
                .contains("2 merchants and 2 affiliates preloaded")
                .contains("accepting on port " + cutover.port());

        save(directory, Files.readString(directory).replace("873588: 402911", "873588: 777001"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(publisherQuery()).contains("awinaffid=777001"));
        assertThat(admin("GET", "/metrics").body())
                .contains("cutover_reloads_total{result=\"ok\",trigger=\"watch\"} 1");
    }

    @Test
    void aBadFileIsRefusedWithItsLineAndTheOldSnapshotKeepsServing() throws Exception {
        Translator before = cutover.translator();

        save(directory, Files.readString(directory).replace("873588: 402911", "873588: not-a-number"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(admin("GET", "/metrics").body())
                        .contains("cutover_reloads_total{result=\"refused\",trigger=\"watch\"} 1"));
        assertThat(cutover.translator()).isSameAs(before);
        assertThat(publisherQuery()).contains("awinaffid=402911");

        HttpResponse<String> reload = admin("POST", "/admin/reload");
        assertThat(reload.statusCode()).isEqualTo(409);
        int line = lineOf(Files.readString(directory), "not-a-number");
        assertThat(reload.body())
                .startsWith("{\"result\":\"refused\",\"trigger\":\"admin\"")
                .contains("\"text\":\"" + directory + ":" + line + ":11: affiliates.873588: 'not-a-number'");
        assertThat(cutover.translator()).isSameAs(before);

        save(directory, Files.readString(directory).replace("873588: not-a-number", "873588: 402912"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(publisherQuery()).contains("awinaffid=402912"));
    }

    @Test
    void aBrokenMappingFileIsRefusedAndAFixedOneServes() throws Exception {
        Translator before = cutover.translator();

        save(mapping, Files.readString(mapping) + "\nparams: [unclosed\n");
        HttpResponse<String> refused = admin("POST", "/admin/reload");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("\"file\":\"" + mapping + "\",\"line\":");
        assertThat(cutover.translator()).isSameAs(before);

        save(mapping, Files.readString(Path.of("..", "mappings", "r-cfm.yaml")));
        HttpResponse<String> ok = admin("POST", "/admin/reload");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"serving\":{\"mapping\":{\"sources\":[\"" + mapping + "\"]");
        assertThat(cutover.translator()).isNotSameAs(before);
    }

    @Test
    void reloadIsAPostOnly() throws Exception {
        assertThat(admin("GET", "/admin/reload").statusCode()).isEqualTo(405);
        assertThat(admin("PUT", "/admin/reload").statusCode()).isEqualTo(405);
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the file");
    }
}
