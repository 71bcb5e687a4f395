package io.cutover.loadtest.sim;

import static io.cutover.loadtest.testing.TestHttp.location;
import static io.cutover.loadtest.testing.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeaks.class)
class SimulatedShareASaleTest {

    /** platforms.md §1.4: {@code <2 alnum>k<digit>_<4–7 alnum>}. */
    private static final String SSCID = "[0-9a-z]{2}k[0-9]_[0-9a-z]{4,7}";

    private static SimulatedShareASale shareASale;
    private final TestHttp http = new TestHttp();

    @BeforeAll
    static void start() {
        shareASale = new SimulatedShareASale(
                SimulatorOptions.builder().random(new SplittableRandom(11)).build(),
                Map.of("24570", "https://www.merchant-24570.example/?utm_source=ShareASale#deals"));
        shareASale.start();
    }

    @AfterEach
    void forget() {
        shareASale.reset();
    }

    @AfterAll
    static void stop() {
        shareASale.close();
    }

    @Test
    void redirectsClickToUrllinkWithSscidFirstInTheQuery() throws Exception {
        HttpResponse<byte[]> response =
                get("/r.cfm?b=1632110&u=873588&m=41388&urllink=https%3A%2F%2Fshop.example%2Fp%3Fa%3D1&afftrack=");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).matches(Pattern.quote("https://shop.example/p?sscid=") + SSCID + "&a=1");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void restoresSchemeOnUrllinkBuiltByShareASalesRecipe() throws Exception {
        HttpResponse<byte[]> response = get("/r.cfm?b=1&u=873588&m=41388&urllink=www.example.com/page.cfm%3FID%3D6");

        assertThat(location(response))
                .matches(Pattern.quote("https://www.example.com/page.cfm?sscid=") + SSCID + "&ID=6");
    }

    @Test
    void decodesUrllinkOnceAndKeepsPlusSigns() throws Exception {
        HttpResponse<byte[]> response =
                get("/r.cfm?u=873588&m=41388&urllink=http%3A%2F%2Fshop.example%2Fs%3Fq%3Dred+shoes%2520x");

        assertThat(location(response))
                .matches(Pattern.quote("http://shop.example/s?sscid=") + SSCID + Pattern.quote("&q=red+shoes%20x"));
    }

    @Test
    void keepsFragmentLastWhenPuttingSscidFirst() throws Exception {
        HttpResponse<byte[]> response = get("/r.cfm?u=873588&m=41388&urllink=https%3A%2F%2Fshop.example%2Fp%23top");

        assertThat(location(response)).matches(Pattern.quote("https://shop.example/p?sscid=") + SSCID + "#top");
    }

    @Test
    void landsOnConfiguredDefaultWhenUrllinkIsEmpty() throws Exception {
        HttpResponse<byte[]> response = get("/r.cfm?b=1559933&u=3400823&m=24570&urllink=&afftrack=");

        assertThat(location(response))
                .matches(Pattern.quote("https://www.merchant-24570.example/?sscid=") + SSCID
                        + "&utm_source=ShareASale#deals");
    }

    @Test
    void landsOnMerchantPlaceholderWhenUrllinkIsAbsentAndNoDefaultIsConfigured() throws Exception {
        HttpResponse<byte[]> response = get("/r.cfm?b=1&u=873588&m=41388");

        assertThat(location(response)).matches(Pattern.quote("https://merchant-41388.example/?sscid=") + SSCID);
    }

    @Test
    void readsParameterNamesInAnyCaseAndHtmlEscapedAmpersands() throws Exception {
        HttpResponse<byte[]> response = get("/R.cfm?B=366125&amp;U=275332&amp;M=37723&amp;urllink=&amp;afftrack=");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).matches(Pattern.quote("https://merchant-37723.example/?sscid=") + SSCID);
        // The record keeps what was sent; only the platform's reading is lenient.
        assertThat(shareASale.received().get(0).params()).containsKeys("B", "amp;U", "amp;M");
    }

    @Test
    void setsNoCookie() throws Exception {
        HttpResponse<byte[]> response = get("/r.cfm?b=1&u=873588&m=41388");

        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void rejectsClickWithoutMerchant() throws Exception {
        HttpResponse<byte[]> response = get("/r.cfm?b=1&u=873588&urllink=&afftrack=");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("m: missing (expected: digits)\n");
    }

    @Test
    void rejectsClickWithoutAffiliate() throws Exception {
        HttpResponse<byte[]> response = get("/r.cfm?b=1&m=41388&u=");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("u: missing (expected: digits)\n");
    }

    @Test
    void redirectsDealLink() throws Exception {
        HttpResponse<byte[]> response = get("/u.cfm?d=440762&m=24631&u=3148616");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).matches(Pattern.quote("https://merchant-24631.example/?sscid=") + SSCID);
    }

    @Test
    void redirectsProductLinkWithCamelCaseParameters() throws Exception {
        HttpResponse<byte[]> response = get(
                "/m-pr.cfm?merchantID=41388&userID=873588&productID=546411875&urllink=shop.example%2Fitem%3Fid%3D9");

        assertThat(location(response)).matches(Pattern.quote("https://shop.example/item?sscid=") + SSCID + "&id=9");
    }

    @Test
    void rejectsProductLinkWithoutMerchantNamingItsParameter() throws Exception {
        HttpResponse<byte[]> response = get("/m-pr.cfm?userID=873588&productID=546411875");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("merchantID: missing (expected: digits)\n");
    }

    @Test
    void answersSalePixelWithTransparentGif() throws Exception {
        HttpResponse<byte[]> response =
                get("/sale.cfm?tracking=A-1&amount=10.00&merchantID=41388&transtype=sale&v=dev1.5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.body()).hasSize(43);
        assertThat(shareASale.received())
                .singleElement()
                .satisfies(record -> assertThat(record.param("tracking")).isEqualTo("A-1"));
    }

    @Test
    void servesBannerImagesAsStaticGifs() throws Exception {
        HttpResponse<byte[]> response = get("/image/41388/banner-300x250.gif");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.body()).isNotEmpty();
    }

    @Test
    void answersNotFoundForImagePathWithoutFile() throws Exception {
        assertThat(get("/image/41388/").statusCode()).isEqualTo(404);
        assertThat(get("/image/41388").statusCode()).isEqualTo(404);
    }

    @Test
    void answersUnknownPathWithNotFound() throws Exception {
        assertThat(get("/image.cfm?b=1").statusCode()).isEqualTo(404);
    }

    @Test
    void answersHeadWithTheRedirectAndNoBody() throws Exception {
        HttpResponse<byte[]> response = http.head(shareASale.trackingUri(), "/r.cfm?b=1&u=873588&m=41388");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).matches(".*\\?sscid=" + SSCID);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void mintsADifferentSscidPerClick() throws Exception {
        String first = location(get("/r.cfm?b=1&u=873588&m=41388"));
        String second = location(get("/r.cfm?b=1&u=873588&m=41388"));

        assertThat(first).isNotEqualTo(second);
    }

    private HttpResponse<byte[]> get(String target) throws Exception {
        return http.get(shareASale.trackingUri(), target);
    }
}
