package io.cutover.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.proxy.config.EdgeSettings;
import io.cutover.proxy.flow.TokenBuckets;
import io.cutover.proxy.testing.NettyLeaks;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-client rate on the production pipeline: clicks over it get 429, pixels over it are queued. */
@ExtendWith(NettyLeaks.class)
class RateLimitPipelineTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(1, 2, 1000, now::get);

    @Test
    void answersClicksOverTheRate429WithRetryAfter() {
        try (EdgePipeline edge = new EdgePipeline(EdgeSettings.defaults(), buckets, false)) {
            String click = "GET " + StrictHttpTest.CLICK + " HTTP/1.1\r\nHost: x\r\n\r\n";
            edge.send(click + click + click).written(3, 5000);

            assertThat(edge.statuses()).containsExactly(302, 302, 429);
            assertThat(edge.written()).contains("retry-after: 1").contains("too many requests from this client");
            assertThat(edge.flowSaw).endsWith("rejected:rate_limited");
            assertThat(edge.channel.isOpen()).isTrue();

            now.addAndGet(1_000_000_000L);
            edge.send(click).written(4, 5000);
            assertThat(edge.statuses()).containsExactly(302, 302, 429, 302);
        }
    }

    @Test
    void queuesPixelsOverTheRateAndStillAnswersTheGif() {
        try (EdgePipeline edge = new EdgePipeline(EdgeSettings.defaults(), buckets, false)) {
            String pixel =
                    "GET /sale.cfm?merchantID=41388&tracking=A1&amount=5.00&transtype=sale HTTP/1.1\r\nHost: x\r\n\r\n";
            edge.send(pixel + pixel + pixel + pixel).written(4, 10000);

            assertThat(edge.statuses()).containsExactly(200, 200, 200, 200);
            assertThat(edge.written().split("content-type: image/gif", -1)).hasSize(5);
            // No backend can be reached here, so every pixel is Cutover's own and durable; the
            // two over the rate never tried one.
            assertThat(edge.flowSaw).hasSize(4).allMatch(s -> s.equals("tracked:spooled"));
        }
    }

    @Test
    void keysTheRateByTheTruncatedAddress() {
        assertThat(buckets.admit("198.51.100.7")).isZero();
        assertThat(buckets.admit("198.51.100.8")).isZero();
        assertThat(buckets.admit("198.51.100.9")).isPositive();
        assertThat(buckets.admit("198.51.101.9")).isZero();
        now.addAndGet(500_000_000L);
        assertThat(buckets.admit("198.51.100.1")).isEqualTo(500_000_000L);
        now.addAndGet(500_000_000L);
        assertThat(buckets.admit("198.51.100.1")).isZero();
    }
}
