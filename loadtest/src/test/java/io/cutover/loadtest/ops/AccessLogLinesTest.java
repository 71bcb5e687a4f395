package io.cutover.loadtest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log as an SRE reads it: one JSON object per event with its event ID, endpoint,
 * route, fate, status, latency and truncated client address, whatever the request carried —
 * never the full address, a cookie's value or a token from the query.
 */
@ExtendWith(NettyLeaks.class)
class AccessLogLinesTest {

    private static final String CLICK =
            "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";
    private static final String COOKIE_VALUE = "c00k1e-v4lue-9f8e7d";
    private static final String TOKEN = "t0ken-v4lue-1a2b3c";

    @Test
    void writesEveryFieldOfEachEventAndNoSecret(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        SandboxOptions ephemeral = SandboxOptions.ephemeral(1);
        SandboxOptions options = new SandboxOptions(
                ephemeral.cutoverPort(),
                ephemeral.adminPort(),
                ephemeral.awinPort(),
                ephemeral.awinControlPort(),
                ephemeral.shareASalePort(),
                ephemeral.shareASaleControlPort(),
                ephemeral.eventLoops(),
                log.toString(),
                ephemeral.sqsPort(),
                ephemeral.sqsControlPort(),
                ephemeral.sqsStorePort(),
                ephemeral.dataDir());
        TestHttp http = new TestHttp();
        List<String> eventIds = new ArrayList<>();
        try (Sandbox sandbox =
                Sandbox.start(options, Map.of("replay.enabled", false, "server.trust-forwarded-for", true))) {
            URI cutover = URI.create(sandbox.url());
            String[] headers = {
                "Cookie", "sscid=" + COOKIE_VALUE + "; awc=" + COOKIE_VALUE,
                "X-Forwarded-For", "198.51.100.77",
                "Authorization", "Bearer " + TOKEN
            };
            eventIds.add(eventId(http.get(cutover, CLICK, headers)));
            sandbox.awin().fault(Fault.down());
            eventIds.add(eventId(http.get(cutover, CLICK, headers)));
            sandbox.shareASale().fault(Fault.down());
            eventIds.add(eventId(http.get(cutover, CLICK, headers)));
            eventIds.add(eventId(http.get(cutover, "/r.cfm?b=1&u=abc&m=41388&token=" + TOKEN, headers)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(log) && Files.readAllLines(log).size() >= 4);
        }

        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text)
                .doesNotContain("198.51.100.77")
                .doesNotContain(COOKIE_VALUE)
                .doesNotContain(TOKEN)
                .doesNotContain("127.0.0.1");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("event_id").asText()).containsExactlyElementsOf(eventIds);
        // Who answered follows from the fate; on a loaded machine even a healthy Awin may miss the
        // sandbox's short deadline, so the first two are checked for consistency, not for a route.
        for (JsonNode line : lines) {
            String fate = line.get("fate").asText();
            String expected = switch (fate) {
                case "primary", "legacy" -> fate;
                case "queued", "spooled" -> "local";
                default -> "none";
            };
            assertThat(line.get("route").asText())
                    .as("route of a %s event", fate)
                    .isEqualTo(expected);
        }
        assertThat(lines.get(2).get("route").asText()).isEqualTo("local");
        assertThat(lines.get(3).get("route").asText()).isEqualTo("none");
        assertThat(lines.get(3).get("fate").asText()).isEqualTo("rejected");
        assertThat(lines).extracting(l -> l.get("status").asInt()).containsExactly(302, 302, 302, 400);
        for (JsonNode line : lines) {
            assertThat(line.get("endpoint").asText()).isEqualTo("r.cfm");
            assertThat(line.get("client_ip").asText()).isEqualTo("198.51.100.0");
            assertThat(line.get("duration_ms").asDouble()).isPositive().isLessThan(5_000);
            assertThat(line.get("ts").asText()).endsWith("Z");
        }
        assertThat(lines.get(3).get("uri").asText()).endsWith("&token=[redacted]");
    }

    private static String eventId(java.net.http.HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Cutover-Event-Id").orElseThrow();
    }
}
