package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sim.ReceivedRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sale pixel's way: sale.cfm on the legacy host → Awin's sread.img, and the GIF back. */
class ConversionTest extends EndToEndTest {

    private Sandbox warmed;

    /**
     * One request through each fresh sandbox before the first test: on a loaded machine a cold
     * JVM's first upstream call can outlast the sandbox's short response timeout, which is a
     * property of the machine, not of what these tests check.
     */
    @BeforeEach
    void warmUp() throws Exception {
        if (warmed != sandbox) {
            get("/sale.cfm?merchantID=41388&tracking=WARM-UP&amount=1.00");
            sandbox.awin().reset();
            sandbox.shareASale().reset();
            warmed = sandbox;
        }
    }

    private static final String SALE = "/sale.cfm?merchantID=41388&tracking=ORDER-1&amount=25.00&transtype=sale"
            + "&currency=usd&couponcode=SPRING,VIP&skulist=S1,S2&pricelist=10.00,7.50&quantitylist=1,2";

    @Test
    void sendsTheSalePixelToAwinAsSreadWithMerchantAmountPartsRefAndCurrency() throws Exception {
        HttpResponse<byte[]> response = get(SALE);

        assertGif(response);
        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.path()).isEqualTo("/sread.img");
        assertThat(awin.param("tt")).isEqualTo("ns");
        assertThat(awin.param("merchant")).isEqualTo("15532");
        assertThat(awin.param("amount")).isEqualTo("25.00");
        assertThat(awin.param("parts")).isEqualTo("DEFAULT:25.00");
        assertThat(awin.param("ref")).isEqualTo("ORDER-1");
        assertThat(awin.param("cr")).isEqualTo("USD");
        assertThat(awin.param("vc")).isEqualTo("SPRING");
        assertThat(awin.param("bd[0]")).isEqualTo("AW:P|15532|ORDER-1|S1||10.00|1|S1|DEFAULT|");
        assertThat(awin.param("bd[1]")).isEqualTo("AW:P|15532|ORDER-1|S2||7.50|2|S2|DEFAULT|");
        assertThat(awin.eventId()).isEqualTo(eventId(response));
        assertThat(sandbox.shareASale().received()).isEmpty();
    }

    @Test
    void creditsALeadToTheLeadCommissionGroup() throws Exception {
        get("/sale.cfm?merchantID=24570&tracking=LEAD-9&amount=0.00&transtype=lead");

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.param("merchant")).isEqualTo("10990");
        assertThat(awin.param("parts")).isEqualTo("LEAD:0.00");
    }

    @Test
    void carriesTheAwinClickCookieBridgedAtTheClickIntoTheSaleAsCks() throws Exception {
        HttpResponse<byte[]> click = click(CLICK);
        String setCookie = click.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher awc = Pattern.compile("aw15532=([0-9]+_[0-9]+_[0-9a-f]+)").matcher(setCookie);
        assertThat(awc.find()).as("Set-Cookie %s", setCookie).isTrue();
        sandbox.awin().reset();

        get(
                "/sale.cfm?merchantID=41388&tracking=ORDER-2&amount=5.00&sscid=41k7_n2lff",
                "Cookie",
                "aw15532=" + awc.group(1));

        assertThat(awinReceivedOne().param("cks")).isEqualTo(awc.group(1));
    }

    @Test
    void answersTheGifEvenWhenAwinAnswersSomethingElse() throws Exception {
        HttpResponse<byte[]> response = get("/sale.cfm?merchantID=41388&tracking=ORDER-3&amount=5.00&x=1");

        assertGif(response);
        assertThat(awinReceivedOne().param("x")).isNull();
    }

    @Test
    void answersTheGifForAPixelWithoutMerchant() throws Exception {
        HttpResponse<byte[]> response = get("/sale.cfm?tracking=ORDER-4&amount=5.00");

        assertGif(response);
        assertThat(sandbox.awin().received()).isEmpty();
    }

    @Test
    void answersTheGifWhenAwinIsDown() throws Exception {
        awinDown();

        assertGif(get(SALE));
    }

    private static void assertGif(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(response.body()).hasSize(43);
        assertThat(new String(response.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("GIF89a");
    }
}
