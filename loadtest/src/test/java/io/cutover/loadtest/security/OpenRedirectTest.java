package io.cutover.loadtest.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.testing.BrowserHost;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.proxy.testing.NettyLeaks;
import io.cutover.web.SafeRedirect;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of hostile {@code urllink}, through every path a click can take, against simulated
 * platforms that echo whatever deep link they are given (a naive backend): the primary answers,
 * legacy answers (the primary down, or a merchant not on Awin yet), or Cutover answers itself
 * (both down). No {@code Location} ever leaves the merchant's allowed domains, judged the way a
 * browser finds the host ({@link BrowserHost}, written apart from Cutover's own checks).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NettyLeaks.class)
class OpenRedirectTest {

    /** On Awin (advertiser 15532), domains example.com; the sample directory's merchant. */
    private static final String MAPPED = "41388";

    /** Not on Awin yet: listed for its domains only, its clicks go to legacy. */
    private static final String LEGACY_ONLY = "50505";

    private static final String AFFILIATE = "873588";

    /** Each: a name and the urllink value exactly as it stands in the request target. */
    static Stream<Arguments> hostileLinks() {
        String[][] links = {
            {"protocol-relative", "%2F%2Fevil.com%2F"},
            {"protocol-relative raw", "//evil.com/"},
            {"triple slash", "https%3A%2F%2F%2Fevil.com"},
            {"slashes missing", "https%3Aevil.com"},
            {"one slash", "https%3A%2Fevil.com"},
            {"plain other domain", "https%3A%2F%2Fevil.com%2Fphish"},
            {"userinfo", "https%3A%2F%2Fwww.example.com%40evil.com%2F"},
            {"userinfo with password", "https%3A%2F%2Fwww.example.com%3Apw%40evil.com%2F"},
            {"userinfo raw", "https://www.example.com@evil.com/"},
            {"suffix trick", "https%3A%2F%2Fexample.com.evil.com%2F"},
            {"no dot suffix", "https%3A%2F%2Fevilexample.com%2F"},
            {"fragment trick", "https%3A%2F%2Fevil.com%23.example.com"},
            {"query trick", "https%3A%2F%2Fevil.com%3F.example.com"},
            {"decimal ip", "http%3A%2F%2F2130706433%2F"},
            {"octal ip", "http%3A%2F%2F0177.0.0.1%2F"},
            {"hex ip", "http%3A%2F%2F0x7f.0.0.1%2F"},
            {"hex ip undotted", "http%3A%2F%2F0x7f000001%2F"},
            {"dotted ip", "http%3A%2F%2F127.0.0.1%2F"},
            {"short dotted ip", "http%3A%2F%2F127.1%2F"},
            {"ipv6", "http%3A%2F%2F%5B%3A%3A1%5D%2F"},
            {"ipv4-mapped ipv6", "http%3A%2F%2F%5B%3A%3Affff%3A7f00%3A1%5D%2F"},
            {"backslashes", "https%3A%5C%5Cevil.com%2F"},
            {"backslash before at", "https%3A%2F%2Fwww.example.com%5C%40evil.com%2F"},
            {"slash backslash", "%2F%5Cevil.com%2F"},
            {"tab in host", "https%3A%2F%2Fev%09il.com%2F"},
            {"tab after domain", "https%3A%2F%2Fwww.example.com%09.evil.com%2F"},
            {"cr lf header", "https%3A%2F%2Fwww.example.com%2F%0D%0ALocation%3A%20https%3A%2F%2Fevil.com"},
            {"lf in scheme", "java%0Ascript%3Aalert(1)"},
            {"nul", "https%3A%2F%2Fevil.com%00.example.com%2F"},
            {"encoded dot in host", "https%3A%2F%2Fwww.example.com%252eevil.com%2F"},
            {"encoded slash in host", "https%3A%2F%2Fevil.com%252F.example.com%2F"},
            {"double encoded", "https%253A%252F%252Fevil.com%252F"},
            {"triple encoded", "https%25253A%25252F%25252Fevil.com%25252F"},
            {"idn homograph", "https%3A%2F%2Fwww.ex%D0%B0mple.com%2F"},
            {"full-width letters", "https%3A%2F%2F%EF%BD%85vil.com%2F"},
            {"ideographic full stop", "https%3A%2F%2Fwww.example.com%E3%80%82evil.com%2F"},
            {"full-width solidus", "https%3A%2F%2Fevil.com%EF%BC%8F.example.com%2F"},
            {"javascript", "javascript%3Aalert(document.domain)%2F%2Fwww.example.com"},
            {"javascript mixed case", "JaVaScRiPt%3Aalert(1)"},
            {"data", "data%3Atext%2Fhtml%3Bbase64%2CPHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg%3D%3D"},
            {"vbscript", "vbscript%3Amsgbox(1)"},
            {"leading space", "%20%2F%2Fevil.com"},
            {"no-break space", "%C2%A0https%3A%2F%2Fevil.com"},
            {"port trick", "https%3A%2F%2Fevil.com%3A443%2F.example.com"},
            {"at in path is fine", "https%3A%2F%2Fwww.example.com%2F%40evil.com"},
            {"schemeless other domain", "evil.com%2Fpage"},
        };
        List<Arguments> out = new ArrayList<>();
        for (String[] link : links) {
            out.add(Arguments.of(link[0], link[1]));
        }
        return out.stream();
    }

    private Sandbox sandbox;
    private final TestHttp http = new TestHttp();

    @BeforeAll
    void start() {
        FileDirectory sample = FileDirectory.sample();
        List<Merchant> merchants = new ArrayList<>(sample.merchants());
        merchants.add(
                new Merchant(LEGACY_ONLY, null, "https://www.legacy-only.example/", List.of("legacy-only.example")));
        FileDirectory directory = FileDirectory.of(merchants, Map.of(AFFILIATE, "402911"));
        sandbox = Sandbox.start(SandboxOptions.ephemeral(1), Map.of("replay.enabled", false), directory);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void naiveBackends() {
        sandbox.awin().reset();
        sandbox.shareASale().reset();
        sandbox.cutover().guard("primary").reset();
        sandbox.cutover().guard("legacy").reset();
        sandbox.awin().fault(Fault.echo());
        sandbox.shareASale().fault(Fault.echo());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLinks")
    void whenThePrimaryAnswers(String name, String urllink) throws IOException {
        String location = click(MAPPED, urllink);

        assertThat(sandbox.awin().received()).as("the primary answered").hasSize(1);
        assertThat(sandbox.shareASale().received()).isEmpty();
        assertStaysWithin(location, "example.com");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLinks")
    void whenLegacyAnswersForThePrimary(String name, String urllink) throws IOException {
        sandbox.awin().fault(Fault.down());

        String location = click(MAPPED, urllink);

        assertThat(sandbox.shareASale().received()).as("legacy answered").hasSize(1);
        assertStaysWithin(location, "example.com");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLinks")
    void whenLegacyAnswersForAMerchantNotOnAwinYet(String name, String urllink) throws IOException {
        String location = click(LEGACY_ONLY, urllink);

        assertThat(sandbox.awin().received())
                .as("an unmapped click never reaches the primary")
                .isEmpty();
        assertThat(sandbox.shareASale().received()).as("legacy answered").hasSize(1);
        assertStaysWithin(location, "legacy-only.example");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLinks")
    void whenCutoverAnswers(String name, String urllink) throws IOException {
        sandbox.awin().fault(Fault.down());
        sandbox.shareASale().fault(Fault.down());

        String location = click(MAPPED, urllink);

        assertStaysWithin(location, "example.com");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLinks")
    void forAnUnknownMerchantOnlyPlainNamedHostsPass(String name, String urllink) throws IOException {
        sandbox.awin().fault(Fault.down());

        String location = click("99999", urllink);

        // No allowed domains are known: the target may be any host, but only ever a plain name.
        assertThat(SafeRedirect.check(location, SafeRedirect.ANY_HOST))
                .as(location)
                .isNull();
        BrowserHost.Target target = BrowserHost.of(location);
        assertThat(target.scheme()).isIn("http", "https");
        assertThat(BrowserHost.isName(target.host())).as(location).isTrue();
    }

    @Test
    void aReplacedRedirectIsCountedWithItsSourceAndReason() throws IOException, InterruptedException {
        sandbox.awin().fault(Fault.down());
        double before = replaced("legacy", "domain-not-allowed");

        String location = click(MAPPED, "https%3A%2F%2Fevil.com%2F");

        assertThat(location).isEqualTo("https://www.example.com/");
        assertThat(replaced("legacy", "domain-not-allowed")).isEqualTo(before + 1);
    }

    @Test
    void aSafeDeepLinkStillLandsWhereThePublisherPointedIt() throws IOException {
        sandbox.awin().fault(Fault.down());

        assertThat(click(MAPPED, "https%3A%2F%2Fshop.example.com%2Fsale%3Fid%3D7"))
                .isEqualTo("https://shop.example.com/sale?id=7");
        assertThat(click(LEGACY_ONLY, "https%3A%2F%2Fwww.legacy-only.example%2Fp"))
                .isEqualTo("https://www.legacy-only.example/p");
    }

    private String click(String merchant, String urllink) throws IOException {
        try (RawConnection connection = RawConnection.open(sandbox.cutover().port())) {
            RawConnection.RawResponse response = connection.get(
                    "/r.cfm?b=1&u=" + AFFILIATE + "&m=" + merchant + "&urllink=" + urllink + "&afftrack=");
            assertThat(response.status()).as("a click always lands").isEqualTo(302);
            String location = response.header("Location");
            assertThat(location).isNotNull();
            return location;
        }
    }

    private static void assertStaysWithin(String location, String domain) {
        assertThat(SafeRedirect.check(location, SafeRedirect.within(List.of(domain))))
                .as("safe-redirect check of %s", location)
                .isNull();
        BrowserHost.Target target = BrowserHost.of(location);
        assertThat(target.scheme()).as(location).isIn("http", "https");
        assertThat(target.host()).as(location).isNotNull();
        assertThat(BrowserHost.isWithin(target.host(), domain))
                .as("%s goes to %s", location, target.host())
                .isTrue();
    }

    private double replaced(String source, String reason) throws IOException, InterruptedException {
        String metrics = TestHttp.text(
                http.get(URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort()), "/metrics"));
        String prefix = "cutover_redirects_replaced_total{";
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)
                    && line.contains("source=\"" + source + "\"")
                    && line.contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
