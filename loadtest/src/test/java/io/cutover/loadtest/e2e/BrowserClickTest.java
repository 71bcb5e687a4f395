package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.testing.HeadlessChromium;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the shopper's browser does with Cutover's answers, in headless Chromium: it follows the
 * redirect to the merchant's page (served here, its host name mapped to loopback), and keeps the
 * cookie Awin set, relayed onto Cutover's host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NettyLeaks.class)
class BrowserClickTest {

    private static final String DIRECTORY = """
            merchants:
              41388:
                advertiser: 15532
                landing: http://shop.merchant.test/
                domains: [merchant.test]
            affiliates:
              873588: 402911
            """;

    private final List<String> landed = new CopyOnWriteArrayList<>();
    private HttpServer merchant;
    private Sandbox sandbox;
    private HeadlessChromium chromium;

    @BeforeAll
    void start() throws Exception {
        merchant = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        merchant.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/favicon.ico")) {
                landed.add(exchange.getRequestURI().toString());
            }
            byte[] page = "<html><head><title>merchant</title></head><body>landed</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        merchant.start();
        sandbox = Sandbox.start(
                SandboxOptions.ephemeral(2), Map.of(), FileDirectory.parse("browser-directory.yaml", DIRECTORY));
        chromium = HeadlessChromium.start("--host-resolver-rules=MAP *.merchant.test 127.0.0.1:"
                + merchant.getAddress().getPort());
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (merchant != null) {
            merchant.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        landed.clear();
        sandbox.awin().reset();
        sandbox.shareASale().reset();
    }

    private String click(String afftrack) {
        // http:// spelled out: a deep link without a scheme is sent to https://, which the test's
        // merchant page does not serve.
        return sandbox.url()
                + "/r.cfm?b=1632110&u=873588&m=41388&urllink=http%3A%2F%2Fshop.merchant.test%2Fdeal%3Fid%3D7&afftrack="
                + afftrack;
    }

    @Test
    void followsTheRedirectToTheMerchantsDeepLinkWithAwinsClickId() throws Exception {
        HeadlessChromium.Tab tab = chromium.open();

        tab.navigate(click("browser"));

        // The default phase is dual: sscid beside awc, the same click reference.
        assertThat(tab.location())
                .matches("http://shop\\.merchant\\.test/deal\\?id=7&awc=(15532_\\d{10}_[0-9a-f]{32})&sscid=\\1");
        assertThat(tab.evaluate("document.body.textContent")).isEqualTo("landed");
        assertThat(landed).singleElement().asString().startsWith("/deal?id=7&awc=15532_");
        assertThat(sandbox.awin().received())
                .singleElement()
                .satisfies(r -> assertThat(r.param("clickref2")).isEqualTo("browser"));
    }

    @Test
    void keepsAwinsCookieOnCutoversHost() throws Exception {
        chromium.open().navigate(click("cookie"));

        List<JsonNode> cookies = chromium.cookies();
        assertThat(cookies)
                .filteredOn(c -> c.get("name").asText().equals("aw15532"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.get("domain").asText()).isEqualTo("127.0.0.1");
                    assertThat(c.get("value").asText()).startsWith("15532_");
                    assertThat(c.get("path").asText()).isEqualTo("/");
                });
    }

    @Test
    void landsThroughLegacyWhileAwinIsDown() throws Exception {
        sandbox.awin().fault(Fault.down());
        HeadlessChromium.Tab tab = chromium.open();

        tab.navigate(click("failover"));

        assertThat(tab.location())
                .matches("http://shop\\.merchant\\.test/deal\\?sscid=[0-9a-z]{2}k\\d_[0-9a-z]{4,7}&id=7");
        assertThat(landed).hasSize(1);
    }

    @Test
    void landsOnTheDeepLinkWhenNoPlatformAnswers() throws Exception {
        sandbox.awin().fault(Fault.down());
        sandbox.shareASale().fault(Fault.down());
        HeadlessChromium.Tab tab = chromium.open();

        tab.navigate(click("outage"));

        assertThat(tab.location()).isEqualTo("http://shop.merchant.test/deal?id=7");
        assertThat(tab.evaluate("document.body.textContent")).isEqualTo("landed");
        // The click was queued: once the platforms are back it reaches Awin by itself, and it must
        // do so within this test (arriving during the next one, it would be counted there).
        sandbox.awin().fault(Fault.ok());
        sandbox.shareASale().fault(Fault.ok());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(sandbox.awin().received()).anySatisfy(r -> {
                    assertThat(r.param("clickref2")).isEqualTo("outage");
                    assertThat(r.header("X-Cutover-Replay")).isEqualTo("1");
                }));
    }
}
