package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sandbox.SandboxTls;
import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.HeadlessChromium;
import io.cutover.loadtest.testing.HttpsPages;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.proxy.testing.NettyLeaks;
import io.cutover.proxy.tls.LocalCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Click to sale in headless Chromium over HTTPS and HTTP/2, with the real host names mapped onto
 * the sandbox ({@code --host-resolver-rules}): {@code www.shareasale.com} is Cutover's HTTPS
 * listener, {@code www.awin1.com} the simulated Awin, {@code *.merchant.test} and {@code
 * *.publisher.test} a small HTTPS site. The sandbox certificate is trusted by its SPKI hash. What
 * the browser keeps is read from its own cookie jar over the DevTools protocol.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NettyLeaks.class)
class BrowserCookieBridgeTest {

    private static final String DIRECTORY = """
            merchants:
              41388:
                advertiser: 15532
                landing: https://shop.merchant.test/
                domains: [merchant.test]
                phase: dual
              24570:
                advertiser: 10990
                landing: https://shop.merchant.test/welcome
                domains: [merchant.test]
                phase: primary-only
            affiliates:
              873588: 402911
            """;

    private static final String AWC = "15532_\\d{10}_[0-9a-f]{32}";

    private Path dir;

    private SandboxTls tls;
    private LocalCertificates replacement;
    private HttpsPages site;
    private Sandbox sandbox;
    private HeadlessChromium chromium;
    /** The legacy link the publisher's page shows, as HTML. */
    private final AtomicReference<String> publisherLink = new AtomicReference<>();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("cutover-browser-");
        tls = SandboxTls.create(dir.resolve("tls"), 0);
        // Made now, served later: the browser trusts both, so the test can tell which one it got.
        replacement =
                LocalCertificates.create(dir.resolve("next"), LocalCertificates.SANDBOX_NAMES, Duration.ofDays(30));
        LocalCertificates siteCertificates = LocalCertificates.create(
                dir.resolve("site"),
                List.of("*.merchant.test", "merchant.test", "*.publisher.test"),
                Duration.ofDays(30));
        Map<String, Function<String, String>> pages = new HashMap<>();
        pages.put(
                "/links", uri -> "<html><body><a id='link' href='" + publisherLink.get() + "'>deal</a></body></html>");
        pages.put("/deal", uri -> "<html><head><title>deal</title></head><body>landed</body></html>");
        pages.put("/welcome", uri -> "<html><body>welcome</body></html>");
        pages.put(
                "/thanks",
                uri -> "<html><body>thank you"
                        + "<img src='https://www.shareasale.com/sale.cfm?tracking=A1&amount=25.00&merchantID=41388"
                        + "&transtype=sale&currency=USD' width='1' height='1'></body></html>");
        site = HttpsPages.start(siteCertificates, pages);

        Map<String, Object> overrides = new HashMap<>(tls.overrides());
        overrides.put("cookies.domain", ".shareasale.com");
        // A browser and a build share two cores here: budgets that a loaded box still meets, so
        // that every click is answered by Awin rather than locally.
        overrides.put("backends.primary.connect-timeout", "1s");
        overrides.put("backends.primary.response-timeout", "2s");
        overrides.put("backends.legacy.connect-timeout", "1s");
        overrides.put("backends.legacy.response-timeout", "2s");
        overrides.put("deadlines.click", "5s");
        overrides.put("deadlines.conversion", "5s");
        sandbox = Sandbox.start(
                SandboxOptions.ephemeral(2), overrides, FileDirectory.parse("browser-directory.yaml", DIRECTORY));
        chromium = HeadlessChromium.startAllowingThirdPartyCookies(
                "--host-resolver-rules=MAP www.shareasale.com 127.0.0.1:"
                        + sandbox.cutover().tlsPort()
                        + ", MAP www.awin1.com 127.0.0.1:" + sandbox.awin().trackingPort()
                        + ", MAP *.merchant.test 127.0.0.1:" + site.port()
                        + ", MAP *.publisher.test 127.0.0.1:" + site.port(),
                "--ignore-certificate-errors-spki-list=" + tls.certificates().spkiSha256() + ","
                        + replacement.spkiSha256() + "," + siteCertificates.spkiSha256());
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (site != null) {
            site.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void reset() {
        site.reset();
        sandbox.awin().reset();
        sandbox.shareASale().reset();
    }

    private static String click(String merchant, String extra) {
        return "https://www.shareasale.com/r.cfm?b=1632110&u=873588&m=" + merchant
                + "&urllink=https%3A%2F%2Fshop.merchant.test%2Fdeal%3Fid%3D7&afftrack=browser" + extra;
    }

    /** The publisher's page with the legacy link on it, then a click on that link. */
    private void clickOnPublisherPage(HeadlessChromium.Tab tab, String link) throws Exception {
        publisherLink.set(link.replace("&", "&amp;"));
        tab.navigate("https://www.publisher.test/links");
        tab.navigateBy("document.getElementById('link').click()");
    }

    private static JsonNode cookie(List<JsonNode> jar, String name) {
        return jar.stream()
                .filter(c -> c.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + jar));
    }

    private List<ReceivedRequest> awin(String path) {
        return sandbox.awin().received().stream()
                .filter(r -> r.path().equals(path))
                .toList();
    }

    @Test
    void clickToSaleOverHttp2KeepsBothFormatsAndTheSaleCarriesTheClick() throws Exception {
        // The default browser context: an isolated one is like a private window, where Chromium
        // refuses third-party cookies, and the sale pixel is a third-party request.
        HeadlessChromium.Tab tab = chromium.open();

        // 1. The legacy link on the publisher's page lands on the merchant's deep link.
        clickOnPublisherPage(tab, click("41388", ""));
        String landing = tab.location();
        assertThat(landing).matches("https://shop\\.merchant\\.test/deal\\?id=7&awc=" + AWC + "&sscid=" + AWC);
        String awc = landing.substring(landing.indexOf("awc=") + 4, landing.indexOf("&sscid"));
        assertThat(landing).endsWith("&sscid=" + awc);
        assertThat(tab.evaluate("document.body.textContent")).isEqualTo("landed");
        assertThat(tab.responses())
                .filteredOn(r -> r.url().startsWith("https://www.shareasale.com/r.cfm"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(302);
                    assertThat(r.protocol()).isEqualTo("h2");
                });
        assertThat(tab.responses())
                .filteredOn(r -> r.url().startsWith("https://shop.merchant.test/deal"))
                .singleElement()
                .satisfies(r -> assertThat(r.protocol()).isEqualTo("h2"));
        assertThat(site.visits()).anySatisfy(v -> {
            assertThat(v.uri()).startsWith("/deal?id=7&awc=");
            assertThat(v.protocol()).isEqualTo("h2");
        });

        // 2. Both formats in the jar, on the legacy domain, cross-site capable, lifetimes kept.
        List<JsonNode> jar = tab.cookies();
        long in30Days = Instant.now().plus(Duration.ofDays(30)).getEpochSecond();
        for (String name : List.of("aw15532", "sscid_41388")) {
            JsonNode c = cookie(jar, name);
            assertThat(c.path("value").asText()).as(name).isEqualTo(awc);
            assertThat(c.path("domain").asText()).as(name).isEqualTo(".shareasale.com");
            assertThat(c.path("path").asText()).as(name).isEqualTo("/");
            assertThat(c.path("secure").asBoolean()).as(name).isTrue();
            assertThat(c.path("sameSite").asText()).as(name).isEqualTo("None");
            assertThat(c.path("expires").asDouble()).as(name).isBetween(in30Days - 120.0, in30Days + 120.0);
        }
        assertThat(cookie(jar, "sscid_41388").path("httpOnly").asBoolean()).isTrue();

        // 3. A second click sends them back: Awin gets its own cookie under its own name, not legacy's.
        clickOnPublisherPage(tab, click("41388", ""));
        assertThat(awin("/cread.php")).hasSize(2);
        String sent = awin("/cread.php").get(1).header("Cookie");
        assertThat(sent).contains("aw15532=" + awc).doesNotContain("sscid_41388");
        String secondLanding = tab.location();
        String secondAwc = secondLanding.substring(secondLanding.indexOf("awc=") + 4, secondLanding.indexOf("&sscid"));
        assertThat(cookie(tab.cookies(), "aw15532").path("value").asText()).isEqualTo(secondAwc);

        // 4. The thank-you page's sale.cfm pixel, cross-site from the merchant, carries the cookie:
        // Awin records the conversion with cks of that click.
        tab.navigate("https://shop.merchant.test/thanks?order=A1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !awin("/sread.img").isEmpty());
        List<String> blocked = tab.blockedCookies();
        assertThat(awin("/sread.img")).singleElement().satisfies(r -> {
            assertThat(r.param("cks"))
                    .as("sread.img %s, its Cookie %s, blocked %s", r.uri(), r.header("Cookie"), blocked)
                    .isEqualTo(secondAwc);
            assertThat(r.param("ref")).isEqualTo("A1");
            assertThat(r.param("merchant")).isEqualTo("15532");
        });
        assertThat(tab.responses())
                .filteredOn(r -> r.url().startsWith("https://www.shareasale.com/sale.cfm"))
                .singleElement()
                .satisfies(r -> assertThat(r.protocol()).isEqualTo("h2"));
    }

    @Test
    void withConsentRefusedTheJarStaysEmptyAndAwinGetsTheSignal() throws Exception {
        HeadlessChromium.Tab tab = chromium.openIsolated();

        clickOnPublisherPage(tab, click("41388", "&cons=0"));

        assertThat(tab.location()).isEqualTo("https://shop.merchant.test/deal?id=7");
        assertThat(tab.cookies()).noneMatch(c -> c.path("domain").asText().contains("shareasale.com"));
        assertThat(awin("/cread.php"))
                .singleElement()
                .satisfies(r -> assertThat(r.param("cons")).isEqualTo("0"));
    }

    @Test
    void aPrimaryOnlyMerchantsLandingCarriesAwcAloneAndTheJarAwinsCookieAlone() throws Exception {
        HeadlessChromium.Tab tab = chromium.openIsolated();

        clickOnPublisherPage(tab, click("24570", ""));

        assertThat(tab.location()).matches("https://shop\\.merchant\\.test/deal\\?id=7&awc=10990_\\d{10}_[0-9a-f]{32}");
        List<JsonNode> jar = tab.cookies();
        assertThat(cookie(jar, "aw10990").path("domain").asText()).isEqualTo(".shareasale.com");
        assertThat(jar).noneMatch(c -> c.path("name").asText().startsWith("sscid_"));
    }

    @Test
    void aCertificateSwappedOnDiskIsServedToTheNextNewConnection() throws Exception {
        HeadlessChromium.Tab before = chromium.openIsolated();
        before.navigate(click("41388", ""));
        String firstIssuer = issuerOfCutover(before);
        assertThat(firstIssuer).isEqualTo(commonName(tls.caCertificate()));

        Files.copy(replacement.privateKey(), tls.certificates().privateKey(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(replacement.certificate(), tls.certificates().certificate(), StandardCopyOption.REPLACE_EXISTING);

        String expected = commonName(replacement.caCertificate());
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HeadlessChromium.Tab fresh = chromium.openIsolated();
                    fresh.navigate(click("41388", ""));
                    assertThat(issuerOfCutover(fresh)).isEqualTo(expected);
                });
        assertThat(sandbox.cutover().tlsPort()).isPositive();
    }

    private static String issuerOfCutover(HeadlessChromium.Tab tab) {
        return tab.responses().stream()
                .filter(r -> r.url().startsWith("https://www.shareasale.com/"))
                .map(HeadlessChromium.Response::issuer)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static String commonName(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate ca =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            String name = ca.getSubjectX500Principal().getName();
            return name.substring(name.indexOf("CN=") + 3).split(",")[0];
        }
    }
}
