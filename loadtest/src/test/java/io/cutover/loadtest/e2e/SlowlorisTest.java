package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 slowloris connections from one test, each sending a request head a line at a time and
 * never finishing it, while normal clicks keep coming: the clicks keep landing within their
 * deadline, and every slow connection is answered 408 and closed by the head deadline (not by the
 * idle timeout, a minute away). All connections come from 127.0.0.1, so the per-client
 * connection cap stays off here (the sandbox's default).
 */
@ExtendWith(NettyLeaks.class)
class SlowlorisTest {

    private static final int SLOW = 1000;
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CLICK_DEADLINE = Duration.ofMillis(800);

    @Test
    void slowConnectionsAreClosedByTheHeadDeadlineWhileClicksKeepLanding() throws Exception {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long maxFds = os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 0;
        // Both ends of every connection live in this process, beside ElasticMQ and the simulators.
        assumeTrue(maxFds >= 3L * SLOW, "needs ulimit -n >= " + 3 * SLOW + " (it is " + maxFds + ")");

        try (Sandbox sandbox = Sandbox.start(
                SandboxOptions.ephemeral(2),
                Map.of(
                        "replay.enabled", false,
                        "server.request-head-timeout", HEAD_TIMEOUT.toMillis() + "ms",
                        "deadlines.click", CLICK_DEADLINE.toMillis() + "ms"))) {
            TestHttp http = new TestHttp();
            URI cutover = URI.create(sandbox.url());
            http.get(cutover, "/r.cfm?" + EndToEndTest.CLICK); // warm up

            InetSocketAddress address =
                    new InetSocketAddress("127.0.0.1", sandbox.cutover().port());
            List<SocketChannel> slow = new ArrayList<>(SLOW);
            long[] openedAt = new long[SLOW];
            long[] closedAt = new long[SLOW];
            boolean[] got408 = new boolean[SLOW];
            try {
                for (int i = 0; i < SLOW; i++) {
                    SocketChannel ch = SocketChannel.open(address);
                    ch.configureBlocking(false);
                    openedAt[i] = System.nanoTime();
                    write(ch, "GET /r.cfm?" + EndToEndTest.CLICK + " HTTP/1.1\r\nHost: x\r\n");
                    slow.add(ch);
                }

                List<Long> clickNanos = new ArrayList<>();
                int open = SLOW;
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                ByteBuffer buffer = ByteBuffer.allocate(1024);
                int round = 0;
                while (open > 0 && System.nanoTime() < until) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> click = http.get(cutover, "/r.cfm?" + EndToEndTest.CLICK);
                    clickNanos.add(System.nanoTime() - start);
                    assertThat(click.statusCode()).isEqualTo(302);
                    assertThat(TestHttp.location(click)).startsWith("https://www.example.com/page");
                    round++;
                    open = 0;
                    for (int i = 0; i < SLOW; i++) {
                        SocketChannel ch = slow.get(i);
                        if (closedAt[i] != 0) {
                            continue;
                        }
                        if (round % 3 == 0) {
                            // One more header line now and then: the idle timeout never fires.
                            write(ch, "X-Slow-" + round + ": 1\r\n");
                        }
                        int n;
                        try {
                            buffer.clear();
                            n = ch.read(buffer);
                            if (n > 0) {
                                got408[i] |= new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1)
                                        .startsWith("HTTP/1.1 408 ");
                                n = ch.read(buffer.clear());
                            }
                        } catch (IOException reset) {
                            n = -1;
                        }
                        if (n < 0) {
                            closedAt[i] = System.nanoTime();
                        } else {
                            open++;
                        }
                    }
                    Thread.sleep(100);
                }

                assertThat(open).as("slow connections still open after 30 s").isZero();
                int answered408 = 0;
                for (int i = 0; i < SLOW; i++) {
                    assertThat(closedAt[i] - openedAt[i])
                            .as("connection %d closed by the head deadline, not before it", i)
                            .isGreaterThanOrEqualTo(HEAD_TIMEOUT.toNanos()
                                    - Duration.ofMillis(50).toNanos());
                    answered408 += got408[i] ? 1 : 0;
                }
                assertThat(answered408).as("slow connections answered 408").isEqualTo(SLOW);
                long worst =
                        clickNanos.stream().mapToLong(Long::longValue).max().orElseThrow();
                // Generous for a loaded 2-core machine: the point is that nothing waited on the
                // slow connections (a click over its deadline still gets Cutover's own answer).
                assertThat(Duration.ofNanos(worst))
                        .as("the slowest of %d clicks", clickNanos.size())
                        .isLessThan(CLICK_DEADLINE.plusSeconds(2));
                assertThat(clickNanos).hasSizeGreaterThanOrEqualTo(10);
                assertThat(metric(http, sandbox, "cutover_edge_refusals_total{reason=\"head_timeout\"}"))
                        .isGreaterThanOrEqualTo(SLOW);
                System.out.printf(
                        "slowloris: %d slow connections closed with 408; %d clicks meanwhile, slowest %d ms%n",
                        SLOW, clickNanos.size(), worst / 1_000_000);
            } finally {
                for (SocketChannel ch : slow) {
                    ch.close();
                }
            }
        }
    }

    private static void write(SocketChannel ch, String text) throws IOException {
        try {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException closedMeanwhile) {
            // The server closed it: the read sees that.
        }
    }

    private static double metric(TestHttp http, Sandbox sandbox, String series) throws Exception {
        String scrape = TestHttp.text(
                http.get(URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort()), "/metrics"));
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
