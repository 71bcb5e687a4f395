package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.ReceivedRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The first step of failover: primary → legacy → Cutover's own answer, and never legacy after a
 * primary that may have counted the click.
 */
class FailoverTest extends EndToEndTest {

    @Test
    void landsThroughLegacyWhileAwinIsDown() throws Exception {
        awinDown();

        HttpResponse<byte[]> response = click(CLICK);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(landing(response))
                .matches("https://www\\.example\\.com/page\\?sscid=[0-9a-z]{2}k\\d_[0-9a-z]{4,7}&id=6");
        ReceivedRequest legacy = shareASaleReceivedOne();
        assertThat(legacy.uri()).isEqualTo("/r.cfm?" + CLICK);
        assertThat(legacy.eventId()).isEqualTo(eventId(response));
        assertThat(sandbox.awin().received()).isEmpty();
    }

    @Test
    void landsThroughLegacyWhenAwinAnswersAnError() throws Exception {
        sandbox.awin().fault(Fault.error(503));

        HttpResponse<byte[]> response = click(CLICK);

        assertThat(landing(response)).contains("sscid=");
        assertThat(awinReceivedOne().status()).isEqualTo(503);
        assertThat(shareASaleReceivedOne().eventId())
                .isEqualTo(awinReceivedOne().eventId());
    }

    @Test
    void answersByItselfWhenBothPlatformsAreDown() throws Exception {
        awinDown();
        shareASaleDown();

        HttpResponse<byte[]> response = click(CLICK);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(landing(response)).isEqualTo("https://www.example.com/page?id=6");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        eventId(response);
    }

    @Test
    void doesNotSendToLegacyWhenAwinMayHaveCountedTheClick() throws Exception {
        awinSlowerThanTheDeadline();
        long start = System.nanoTime();

        HttpResponse<byte[]> response = click(CLICK);

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(landing(response)).isEqualTo("https://www.example.com/page?id=6");
        assertThat(awinReceivedOne().eventId()).isEqualTo(eventId(response));
        assertThat(sandbox.shareASale().received())
                .as("legacy after a read timeout would count twice")
                .isEmpty();
        assertThat(millis)
                .as("answered without waiting for the hung backend (10 s)")
                .isLessThan(5000);
    }

    @Test
    void doesNotSendToLegacyWhenAwinResetTheConnectionAfterTheRequest() throws Exception {
        sandbox.awin().fault(Fault.reset());

        HttpResponse<byte[]> response = click(CLICK);

        assertThat(landing(response)).isEqualTo("https://www.example.com/page?id=6");
        assertThat(awinReceivedOne().status()).isNull();
        assertThat(sandbox.shareASale().received()).isEmpty();
    }

    @Test
    void landsAnUnmappedClickOnTheMerchantsPageWhenLegacyIsDown() throws Exception {
        shareASaleDown();

        HttpResponse<byte[]> response = click("b=1&u=111111&m=24570&urllink=&afftrack=");

        assertThat(landing(response)).isEqualTo("https://shop.example.org/welcome");
        assertThat(sandbox.awin().received()).isEmpty();
    }

    @Test
    void landsAClickOfAnUnknownMerchantOnTheFallbackPageWhenLegacyIsDown() throws Exception {
        shareASaleDown();

        HttpResponse<byte[]> response = click("b=1&u=873588&m=99999&urllink=&afftrack=");

        assertThat(landing(response)).isEqualTo(sandbox.cutover().config().fallbackLanding());
    }

    @Test
    void answersAConversionWithThePixelWhenLegacyIsDown() throws Exception {
        shareASaleDown();

        HttpResponse<byte[]> response = get("/sale.cfm?tracking=A2&amount=5.00&merchantID=41388&transtype=sale");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(response.body()).hasSize(43);
    }

    @Test
    void answers502ForAPassThroughWhenLegacyIsDown() throws Exception {
        shareASaleDown();

        HttpResponse<byte[]> response = get("/image/41388/banner.gif");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(body(response)).contains("the legacy platform did not answer");
    }

    @Test
    void recoversAsSoonAsAwinIsBack() throws Exception {
        awinDown();
        click(CLICK);
        sandbox.awin().fault(Fault.ok());

        HttpResponse<byte[]> response = click(CLICK);

        assertThat(landing(response)).contains("awc=15532_");
        assertThat(awinReceivedOne().eventId()).isEqualTo(eventId(response));
    }

    @Test
    void countsEachFateSeparately() throws Exception {
        awinDown();
        click(CLICK);
        shareASaleDown();
        click(CLICK);

        String metrics = body(admin("/metrics"));
        assertThat(metrics).containsPattern("cutover_events_total\\{fate=\"legacy\",kind=\"r.cfm\"\\} [1-9]");
        assertThat(metrics).containsPattern("cutover_events_total\\{fate=\"queued\",kind=\"r.cfm\"\\} [1-9]");
        assertThat(metrics)
                .containsPattern("cutover_backend_attempts_total\\{backend=\"primary\",outcome=\"connect\"\\} [1-9]");
    }
}
