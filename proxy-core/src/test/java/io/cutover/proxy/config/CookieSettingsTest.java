package io.cutover.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.cookie.CookiePolicy;
import io.cutover.cookie.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieSettingsTest {

    private static final String MINIMAL = """
            backends:
              primary:
                url: https://www.awin1.com
            directory:
              file: directory.yaml
            """;

    @TempDir
    Path dir;

    private CutoverConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("directory.yaml"), "merchants: []\n");
        Path file = dir.resolve("cutover.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, env);
    }

    @Test
    void defaultsToDualHostOnlyCookiesAndTheBrowsersLongestLifetime() throws IOException {
        CookieSettings cookies = load(MINIMAL, Map.of()).cookies();

        assertThat(cookies.defaultPhase()).isEqualTo(Phase.DUAL);
        assertThat(cookies.policy()).isEqualTo(CookiePolicy.defaults());
    }

    @Test
    void theShippedExampleSetsEveryCookieKeyAsDocumented() throws IOException {
        String example = Files.readString(Path.of("..", "config", "cutover.example.yaml"));

        CookieSettings cookies = load(example, Map.of()).cookies();

        assertThat(cookies.defaultPhase()).isEqualTo(Phase.DUAL);
        assertThat(cookies.policy())
                .isEqualTo(new CookiePolicy(
                        Optional.of(".shareasale.com"),
                        Duration.ofDays(400),
                        50,
                        4096,
                        "sscid_{merchant}",
                        Duration.ofDays(30),
                        true,
                        OptionalInt.empty()));
    }

    @Test
    void readsEveryKeyAndTheEnvironmentOverridesThePhase() throws IOException {
        CutoverConfig config = load(MINIMAL + """
                        cookies:
                          domain: shareasale.com
                          default-phase: legacy-only
                          legacy-click-cookie: SSCID{merchant}
                          legacy-click-lifetime: 90d
                          max-lifetime: 7d
                          max-count: 20
                          max-bytes: 2KiB
                          cross-site: false
                          tcf-vendor-id: 907
                        """, Map.of("CUTOVER_COOKIES_DEFAULT_PHASE", "primary-only"));

        assertThat(config.cookies().defaultPhase()).isEqualTo(Phase.PRIMARY_ONLY);
        assertThat(config.cookies().policy())
                .isEqualTo(new CookiePolicy(
                        Optional.of("shareasale.com"),
                        Duration.ofDays(7),
                        20,
                        2048,
                        "SSCID{merchant}",
                        Duration.ofDays(90),
                        false,
                        OptionalInt.of(907)));
    }

    @Test
    void refusesAPhaseThatIsNoneAndALegacyCookieNamedLikeAwins() {
        assertThatThrownBy(() -> load(MINIMAL + """
                                cookies:
                                  default-phase: both
                                  legacy-click-cookie: aw{merchant}
                                  max-lifetime: -1d
                                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cookies.default-phase: both (expected: legacy-only, dual or primary-only)")
                .hasMessageContaining("cookies.legacy-click-cookie: aw{merchant} (expected: a cookie name that is not"
                        + " one of Awin's")
                .hasMessageContaining("cookies.max-lifetime: -1d (expected: > 0)");
    }
}
