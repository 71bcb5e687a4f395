package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.testing.HeadlessChromium;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live dashboard in headless Chromium, read over DevTools: while clicks flow and the
 * simulated Awin is down, the page shows the primary breaker open, a degraded banner that says no
 * revenue is lost, and answers by ShareASale rising. The screenshot is kept under {@code
 * target/screenshots/} as a build artifact.
 */
@ExtendWith(NettyLeaks.class)
class DashboardTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Clicks sent at most, and for at most this long: the load is bounded either way. */
    private static final int MAX_CLICKS = 4000;

    private static final Duration MAX_LOAD = Duration.ofSeconds(90);

    @Test
    void showsThePrimaryBreakerOpenAndLegacyAnswersRisingWhileAwinIsDown() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(1), AdminApiTest.PATIENT);
                HeadlessChromium chromium = HeadlessChromium.start()) {
            HeadlessChromium.Tab tab = chromium.open();
            tab.navigate(sandbox.adminUrl() + "/");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(2);
            Future<?> load = clients.submit(() -> {
                TestHttp http = new TestHttp();
                URI cutover = URI.create(sandbox.url());
                long end = System.nanoTime() + MAX_LOAD.toNanos();
                while (running.get() && sent.get() < MAX_CLICKS && System.nanoTime() < end) {
                    try {
                        http.get(cutover, "/r.cfm?" + EndToEndTest.CLICK);
                    } catch (Exception e) {
                        // counted by the dashboard, if it reached Cutover at all
                    }
                    sent.incrementAndGet();
                    Thread.sleep(20);
                }
                return null;
            });
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(tab.evaluate("document.getElementById('banner').dataset.level"))
                            .isEqualTo("ok");
                    assertThat(number(tab, "rate-primary")).isPositive();
                });
                assertThat(tab.evaluate("document.getElementById('breaker-primary').textContent"))
                        .isEqualTo("CLOSED");
                tab.screenshot(SCREENSHOTS.resolve("dashboard-all-good.png"), 1400, 1100);

                sandbox.awin().fault(Fault.down());

                await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                    assertThat(tab.evaluate("document.getElementById('breaker-primary').textContent"))
                            .isEqualTo("OPEN");
                    assertThat(tab.evaluate("document.getElementById('breaker-primary').className"))
                            .contains("state-open");
                    assertThat(number(tab, "rate-legacy") + number(tab, "rate-local"))
                            .as("legacy or local answers per second")
                            .isGreaterThan(1.0);
                });
                double legacyFirst = number(tab, "rate-legacy") + number(tab, "rate-local");
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(number(tab, "rate-legacy") + number(tab, "rate-local"))
                                .as("rising over the 10 s window")
                                .isGreaterThan(legacyFirst));
                assertThat(tab.evaluate("document.getElementById('banner').dataset.level"))
                        .isEqualTo("degraded");
                assertThat(tab.evaluate("document.getElementById('banner').textContent"))
                        .contains("NO REVENUE LOST")
                        .contains("Awin breaker OPEN")
                        .contains("answered by ShareASale");
                assertThat(tab.evaluate("document.getElementById('errors').textContent"))
                        .contains("primary")
                        .contains("connect");
                assertThat(tab.evaluate("document.querySelectorAll('#chart-fates rect').length"))
                        .isNotEqualTo("0");

                Path shot = tab.screenshot(SCREENSHOTS.resolve("dashboard-awin-down.png"), 1400, 1100);
                assertThat(Files.size(shot)).isGreaterThan(10_000);
            } finally {
                running.set(false);
                load.get(30, TimeUnit.SECONDS);
                clients.shutdown();
            }
        }
    }

    private static double number(HeadlessChromium.Tab tab, String id) throws Exception {
        String text = tab.evaluate("document.getElementById('" + id + "').textContent")
                .replace(",", "");
        return text.equals("–") ? 0 : Double.parseDouble(text);
    }
}
