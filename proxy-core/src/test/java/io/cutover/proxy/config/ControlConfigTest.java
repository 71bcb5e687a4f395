package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlConfigTest {

    private static final String TOKEN = "a-token-long-enough-0123456789";

    @TempDir
    Path dir;

    private Path example() throws IOException {
        Path copy = dir.resolve("cutover.yaml");
        Files.copy(Path.of("..", "config", "cutover.example.yaml"), copy);
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");
        return copy;
    }

    @Test
    void theExampleDrainsForTwentySecondsAndOnlyReadsWithoutAToken() throws IOException {
        ControlSettings control = ConfigLoader.load(example(), Map.of()).control();
        assertThat(control.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(control.token()).isEmpty();
    }

    @Test
    void takesTheTokenFromTheEnvironment() throws IOException {
        ControlSettings control = ConfigLoader.load(example(), Map.of("CUTOVER_ADMIN_TOKEN", TOKEN))
                .control();
        assertThat(control.token()).get().satisfies(token -> {
            assertThat(token.authorizes("Bearer " + TOKEN)).isTrue();
            assertThat(token.toString()).isEqualTo("[redacted]");
        });
        assertThat(control.toString()).doesNotContain(TOKEN);
    }

    @Test
    void refusesAShortTokenWithoutPrintingIt() throws IOException {
        Path example = example();
        assertThatThrownBy(() -> ConfigLoader.load(example, Map.of("CUTOVER_ADMIN_TOKEN", "hunter2")))
                .hasMessageContaining(
                        "admin.token: [redacted] (expected: at least 16 printable ASCII characters, no spaces)")
                .hasMessageNotContaining("hunter2");
    }
}
