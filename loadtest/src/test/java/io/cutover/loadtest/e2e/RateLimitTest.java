package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-client rate limit end to end: clicks over it get 429 with Retry-After; conversion pixels
 * over it are answered with the GIF, queued in the sandbox's ElasticMQ, and delivered to the
 * simulated Awin by the replayer, so every sale is counted.
 */
@ExtendWith(NettyLeaks.class)
class RateLimitTest {

    /** Three requests at once, then (practically) none: the whole test runs on the burst. */
    private static final Map<String, Object> LIMITED =
            Map.of("rate-limit.enabled", true, "rate-limit.requests-per-second", 0.01, "rate-limit.burst", 3);

    private final TestHttp http = new TestHttp();

    @Test
    void answersClicksOverTheRate429WithRetryAfter() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(1), overrides(false))) {
            URI cutover = URI.create(sandbox.url());
            List<Integer> statuses = new ArrayList<>();
            List<HttpResponse<byte[]>> limited = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                HttpResponse<byte[]> response = http.get(cutover, "/r.cfm?" + EndToEndTest.CLICK);
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    limited.add(response);
                }
            }

            assertThat(statuses).containsExactly(302, 302, 302, 429, 429);
            for (HttpResponse<byte[]> response : limited) {
                assertThat(Long.parseLong(
                                response.headers().firstValue("Retry-After").orElseThrow()))
                        .isPositive();
                assertThat(TestHttp.text(response)).startsWith("429 Too Many Requests: too many requests");
                assertThat(response.headers().firstValue("X-Cutover-Event-Id")).isPresent();
            }
            assertThat(sandbox.awin().received()).hasSize(3);
            assertThat(metric(sandbox, "cutover_edge_rate_limited_total{kind=\"r.cfm\"}"))
                    .isEqualTo(2);
        }
    }

    @Test
    void queuesPixelsOverTheRateAndTheReplayDeliversThem() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(1), overrides(true))) {
            URI cutover = URI.create(sandbox.url());
            for (int i = 1; i <= 6; i++) {
                HttpResponse<byte[]> response = http.get(
                        cutover,
                        "/sale.cfm?merchantID=41388&tracking=ORDER-" + i + "&amount=25.00&transtype=sale&currency=USD");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
                assertThat(response.body()).hasSize(43);
            }

            // Three went to the simulated Awin at once; the three over the rate come by replay.
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(orders(sandbox.awin().received()))
                            .containsExactly("ORDER-1", "ORDER-2", "ORDER-3", "ORDER-4", "ORDER-5", "ORDER-6"));
            List<ReceivedRequest> replays = sandbox.awin().received().stream()
                    .filter(r -> "1".equals(r.header(ReceivedRequest.REPLAY_HEADER)))
                    .toList();
            assertThat(orders(replays)).containsExactly("ORDER-4", "ORDER-5", "ORDER-6");
            assertThat(sandbox.awin().stats().events()).isEqualTo(6);
            assertThat(sandbox.awin().stats().duplicates()).isZero();
            assertThat(metric(sandbox, "cutover_edge_rate_limited_total{kind=\"sale.cfm\"}"))
                    .isEqualTo(3);
        }
    }

    private static Map<String, Object> overrides(boolean replay) {
        Map<String, Object> out = new java.util.HashMap<>(LIMITED);
        out.put("replay.enabled", replay);
        return out;
    }

    private static TreeSet<String> orders(List<ReceivedRequest> received) {
        TreeSet<String> out = new TreeSet<>();
        for (ReceivedRequest r : received) {
            if (r.param("ref") != null) {
                out.add(r.param("ref"));
            }
        }
        return out;
    }

    private double metric(Sandbox sandbox, String series) throws Exception {
        String scrape = TestHttp.text(
                http.get(URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort()), "/metrics"));
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
