package io.cutover.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigException;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code cutover check} accepts, {@code cutover serve} starts with, and what one refuses the
 * other refuses with the same {@code key: value (expected: …)}: both run here on the same files.
 * Host names, cookie domains and the fallback page are judged by one rule each.
 */
@ExtendWith(NettyLeaks.class)
class CheckAgreesWithServeTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} -> valid={2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cookies.domain|.shareasale.com|true",
                "cookies.domain|shareasale.com|true",
                "cookies.domain|a-.com|false",
                "cookies.domain|-a.com|false",
                "cookies.domain|a..com|false",
                "cookies.domain|under_score.com|false",
                "cookies.domain|10.0.0.1|false",
                "cookies.domain|shareasale.com:443|false",
                "fallback.landing|https://www.awin.com/|true",
                "fallback.landing|//evil.com/|false",
                "fallback.landing|https://user@www.awin.com/|false",
                "fallback.landing|https://127.0.0.1/|false",
                "fallback.landing|https:\\\\www.awin.com|false",
                "fallback.landing|javascript:alert(1)|false",
                "backends.primary.host-header|www.awin1.com|true",
                "backends.primary.host-header|www.awin1.com:8443|true",
                "backends.primary.host-header|a-.awin1.com|false",
            })
    void checkAndServeGiveTheSameVerdict(String key, String value, boolean valid) throws IOException {
        Path config = config(key, value);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CutoverMain.run(
                List.of("check", "--config", config.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String served = serve(config);

        assertThat(status).as("check: %s", err).isEqualTo(valid ? 0 : 1);
        if (valid) {
            assertThat(served).as("serve").isEqualTo("started");
        } else {
            String expected = key + ": " + value + " (expected: ";
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(expected);
            assertThat(served).as("serve").contains(expected);
        }
    }

    /** Starts Cutover from the file as {@code serve} does; "started", or the reason it refused. */
    private static String serve(Path config) {
        try (Cutover cutover = Cutover.start(ConfigLoader.load(config, Map.of()))) {
            return cutover == null ? "no server" : "started";
        } catch (ConfigException e) {
            return String.join("\n", e.problems());
        } catch (RuntimeException e) {
            return "failed at start: " + e;
        }
    }

    private Path config(String key, String value) throws IOException {
        Files.copy(Path.of("..", "config", "directory", "sample.yaml"), dir.resolve("directory.yaml"));
        String cookies = key.equals("cookies.domain") ? "cookies: { domain: \"" + value + "\" }\n" : "";
        String fallback = key.equals("fallback.landing") ? "fallback: { landing: '" + value + "' }\n" : "";
        String hostHeader = key.equals("backends.primary.host-header") ? ", host-header: \"" + value + "\"" : "";
        return Files.writeString(
                dir.resolve("cutover.yaml"),
                "server: { host: 127.0.0.1, port: 0, event-loops: 1 }\n"
                        + "admin: { host: 127.0.0.1, port: 0 }\n"
                        + "backends:\n  primary: { url: \"http://127.0.0.1:9\"" + hostHeader + " }\n"
                        + "directory: { file: directory.yaml }\n"
                        + "spool: { dir: spool }\n"
                        + "access-log: \"off\"\n"
                        + cookies
                        + fallback);
    }
}
