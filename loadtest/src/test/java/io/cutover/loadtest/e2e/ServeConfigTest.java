package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.loadtest.sim.SimulatedShareASale;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production way in: a cutover.yaml on disk that names the mapping files and the directory
 * file, read by the same loader as {@code serve}, with an environment override on top.
 */
@ExtendWith(NettyLeaks.class)
class ServeConfigTest {

    @TempDir
    Path dir;

    @Test
    void servesFromAConfigFileWithFileMappingAndDirectory() throws Exception {
        Path mapping = Path.of("..", "mappings", "r-cfm.yaml").toAbsolutePath().normalize();
        Path directory = Path.of("..", "config", "directory", "sample.yaml")
                .toAbsolutePath()
                .normalize();
        try (SimulatedAwin awin = new SimulatedAwin();
                SimulatedShareASale legacy = new SimulatedShareASale()) {
            awin.start();
            legacy.start();
            Path file = dir.resolve("cutover.yaml");
            Files.writeString(file, """
                    server:
                      host: 127.0.0.1
                      port: 0
                      event-loops: 1
                    admin:
                      enabled: false
                    backends:
                      primary:
                        url: http://127.0.0.1:%d
                      legacy:
                        url: http://127.0.0.1:%d
                        host-header: www.shareasale.com
                    mapping:
                      files: [%s]
                    directory:
                      file: %s
                    access-log: %s
                    """.formatted(
                            awin.trackingPort(), legacy.trackingPort(), mapping, directory, dir.resolve("access.log")));
            CutoverConfig config = ConfigLoader.load(file, Map.of("CUTOVER_DEADLINES_CLICK", "400ms"));

            try (Cutover cutover = Cutover.start(config)) {
                TestHttp http = new TestHttp();
                URI base = URI.create("http://127.0.0.1:" + cutover.port());
                HttpResponse<byte[]> mapped = http.get(base, "/r.cfm?" + EndToEndTest.CLICK);
                HttpResponse<byte[]> unmapped = http.get(base, "/r.cfm?b=1&u=111111&m=41388");

                assertThat(config.deadlines().click().toMillis()).isEqualTo(400);
                assertThat(cutover.adminPort()).isEqualTo(-1);
                assertThat(mapped.statusCode()).isEqualTo(302);
                assertThat(awin.received())
                        .singleElement()
                        .satisfies(r -> assertThat(r.uri())
                                .isEqualTo("/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov"
                                        + "&ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6"));
                assertThat(unmapped.statusCode()).isEqualTo(302);
                assertThat(legacy.received())
                        .singleElement()
                        .satisfies(r -> assertThat(r.header("Host")).isEqualTo("www.shareasale.com"));
            }
            // Closing Cutover drains the access log: one line per event, client IP truncated.
            assertThat(Files.readAllLines(dir.resolve("access.log")))
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("\"client_ip\":\"127.0.0.0\""))
                    .anySatisfy(line -> assertThat(line).contains("\"fate\":\"primary\""))
                    .anySatisfy(line -> assertThat(line).contains("\"fate\":\"legacy\""));
        }
    }
}
