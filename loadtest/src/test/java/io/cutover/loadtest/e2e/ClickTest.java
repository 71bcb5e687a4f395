package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.RawConnection;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A click's way through Cutover to the primary and back, parameter by parameter. */
class ClickTest extends EndToEndTest {

    @Test
    void redirectsToTheAwinLandingAndSendsAwinExactlyOneTranslatedRequest() throws Exception {
        HttpResponse<byte[]> response = click(CLICK);

        assertThat(response.statusCode()).isEqualTo(302);
        // The sample merchant follows the default phase, dual: sscid beside awc, the same reference.
        assertThat(landing(response))
                .matches("https://www\\.example\\.com/page\\?id=6&awc=(15532_\\d{10}_[0-9a-f]{32})&sscid=\\1");
        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.path()).isEqualTo("/cread.php");
        assertThat(awin.uri())
                .isEqualTo("/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov"
                        + "&ued=https%3A%2F%2Fwww.example.com%2Fpage%3Fid%3D6");
        assertThat(awin.eventId()).isEqualTo(eventId(response));
        assertThat(sandbox.shareASale().received()).isEmpty();
    }

    @Test
    void looksUpTheMerchantAsAnAwinAdvertiser() throws Exception {
        click("b=1&u=3574798&m=24570&urllink=&afftrack=");

        assertThat(awinReceivedOne().param("awinmid")).isEqualTo("10990");
    }

    @Test
    void looksUpTheAffiliateAsAnAwinPublisher() throws Exception {
        click("b=1&u=3574798&m=24570&urllink=&afftrack=");

        assertThat(awinReceivedOne().param("awinaffid")).isEqualTo("1068842");
    }

    @Test
    void carriesTheDeepLinkAsUed() throws Exception {
        HttpResponse<byte[]> response =
                click("b=1&u=873588&m=41388&urllink=https%3A%2F%2Fshop.example.com%2Fsale%3Fcolor%3Dred&afftrack=");

        assertThat(awinReceivedOne().param("ued")).isEqualTo("https://shop.example.com/sale?color=red");
        assertThat(landing(response)).startsWith("https://shop.example.com/sale?color=red&awc=15532_");
    }

    @Test
    void carriesAfftrackAsClickref2() throws Exception {
        click("b=1&u=873588&m=41388&urllink=&afftrack=spring_sale-7");

        assertThat(awinReceivedOne().param("clickref2")).isEqualTo("spring_sale-7");
    }

    @Test
    void dropsTheBannerIdWhichAwinDeepLinksHaveNoPlaceFor() throws Exception {
        click("b=1632110&u=873588&m=41388&urllink=&afftrack=");

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.params()).containsOnlyKeys("awinmid", "awinaffid");
        assertThat(awin.uri()).doesNotContain("1632110");
    }

    @Test
    void leavesUedOutForAnEmptyDeepLinkSoAwinUsesTheAdvertiserDefault() throws Exception {
        HttpResponse<byte[]> response = click("b=1&u=873588&m=41388&urllink=&afftrack=");

        assertThat(awinReceivedOne().param("ued")).isNull();
        assertThat(landing(response)).startsWith("https://www.example.com/?awc=15532_");
    }

    @Test
    void sendsAnUnknownMerchantToLegacyUnchanged() throws Exception {
        String query = "b=1&u=873588&m=99999&urllink=www.example.com%2Fx&afftrack=t1";
        HttpResponse<byte[]> response = click(query);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(landing(response)).contains("sscid=");
        assertThat(sandbox.awin().received()).isEmpty();
        ReceivedRequest legacy = shareASaleReceivedOne();
        assertThat(legacy.uri()).isEqualTo("/r.cfm?" + query);
        assertThat(legacy.eventId()).isEqualTo(eventId(response));
    }

    @Test
    void sendsAnUnknownAffiliateToLegacyUnchanged() throws Exception {
        click("b=1&u=111111&m=41388&urllink=&afftrack=");

        assertThat(sandbox.awin().received()).isEmpty();
        assertThat(shareASaleReceivedOne().uri()).isEqualTo("/r.cfm?b=1&u=111111&m=41388&urllink=&afftrack=");
    }

    @Test
    void answersTheConversionPixelOfAnUnknownMerchantAfterLegacyTookIt() throws Exception {
        HttpResponse<byte[]> response = get("/sale.cfm?tracking=A1&amount=10.00&merchantID=99999&transtype=sale");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(response.body()).hasSize(43);
        assertThat(shareASaleReceivedOne().eventId()).isEqualTo(eventId(response));
    }

    @Test
    void passesOtherPathsThroughToLegacyWithoutAnEventId() throws Exception {
        HttpResponse<byte[]> response = get("/image/41388/banner.gif");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(response.headers().firstValue("X-Cutover-Event-Id")).isEmpty();
        ReceivedRequest legacy = shareASaleReceivedOne();
        assertThat(legacy.path()).isEqualTo("/image/41388/banner.gif");
        assertThat(legacy.eventId()).isNull();
    }

    @Test
    void answersHeadLikeGetWithoutABody() throws Exception {
        HttpResponse<byte[]> response = http.head(cutover, "/r.cfm?" + CLICK);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(landing(response)).contains("awc=15532_");
        assertThat(response.body()).isEmpty();
        assertThat(awinReceivedOne().method()).isEqualTo("HEAD");
    }

    @Test
    void relaysAwinsCookieAsAHostOnlyCookieTheBrowserKeeps() throws Exception {
        HttpResponse<byte[]> response = click(CLICK);

        List<String> cookies = response.headers().allValues("Set-Cookie");
        // Dual: Awin's cookie and the legacy click cookie, both host-only on Cutover's host.
        assertThat(cookies).hasSize(2);
        assertThat(cookies.get(0))
                .startsWith("aw15532=15532_")
                .contains("Path=/", "Max-Age=2592000")
                .doesNotContainIgnoringCase("domain");
        assertThat(cookies.get(1)).startsWith("sscid_41388=15532_").doesNotContainIgnoringCase("domain");
    }

    @Test
    void sendsEachBackendOnlyItsOwnCookies() throws Exception {
        String cookie = "aw15532=15532_1_ab; SSID=legacy-session";
        click(CLICK, "Cookie", cookie);
        awinDown();
        click(CLICK, "Cookie", cookie);

        assertThat(awinReceivedOne().header("Cookie")).isEqualTo("aw15532=15532_1_ab");
        assertThat(shareASaleReceivedOne().header("Cookie")).isEqualTo("SSID=legacy-session");
    }

    @Test
    void forwardsTheBrowsersHeadersAndTheClientAddress() throws Exception {
        click(CLICK, "User-Agent", "Mozilla/5.0 (test)", "Referer", "https://publisher.example/post");

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.header("User-Agent")).isEqualTo("Mozilla/5.0 (test)");
        assertThat(awin.header("Referer")).isEqualTo("https://publisher.example/post");
        assertThat(awin.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(awin.header("Host")).isEqualTo("127.0.0.1:" + sandbox.awin().trackingPort());
    }

    @Test
    void givesEveryClickItsOwnTimeOrderedEventId() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(eventId(click(CLICK)));
        }

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(sandbox.awin().received())
                .extracting(ReceivedRequest::eventId)
                .containsExactlyElementsOf(ids);
    }

    @Test
    void reusesOriginConnectionsAcrossRequests() throws Exception {
        int clients = 4;
        int clicksEach = 5;
        List<RawConnection> connections = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            connections.add(raw());
        }
        for (int i = 0; i < clicksEach; i++) {
            for (RawConnection connection : connections) {
                assertThat(connection.get("/r.cfm?" + CLICK).status()).isEqualTo(302);
            }
        }
        for (RawConnection connection : connections) {
            connection.close();
        }

        List<ReceivedRequest> received = sandbox.awin().received();
        assertThat(received).hasSize(clients * clicksEach);
        Set<Long> originConnections = new HashSet<>();
        received.forEach(r -> originConnections.add(r.connectionId()));
        // Sequential clicks: one pooled connection per event loop carries all of them.
        assertThat(originConnections).hasSizeLessThanOrEqualTo(eventLoops);
        assertThat(sandbox.cutover().openOriginConnections().get("primary")).isLessThanOrEqualTo(eventLoops);
    }

    @Test
    void countsEventsByKindAndFateForPrometheus() throws Exception {
        click(CLICK);

        String metrics = body(admin("/metrics"));
        assertThat(metrics).containsPattern("cutover_events_total\\{fate=\"primary\",kind=\"r.cfm\"\\} [1-9]");
        assertThat(metrics)
                .containsPattern("cutover_backend_attempts_total\\{backend=\"primary\",outcome=\"ok\"\\} [1-9]");
    }

    @Test
    void runsOnTheEventLoopsOfThisInvocation() {
        assertThat(sandbox.cutover().eventLoops()).isEqualTo(eventLoops);
    }

    @Test
    void reportsReadyOnceListening() throws Exception {
        HttpResponse<byte[]> ready = admin("/readyz");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(body(ready)).contains("\"status\":\"UP\"");
        assertThat(admin("/healthz").statusCode()).isEqualTo(200);
    }
}
