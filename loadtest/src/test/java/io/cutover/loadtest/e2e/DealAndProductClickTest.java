package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sim.ReceivedRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** u.cfm deal links and m-pr.cfm product links through Cutover to the simulated Awin. */
class DealAndProductClickTest extends EndToEndTest {

    private Sandbox warmed;

    /**
     * One request through each fresh sandbox before the first test: on a loaded machine a cold
     * JVM's first upstream call can outlast the sandbox's short response timeout, which is a
     * property of the machine, not of what these tests check.
     */
    @BeforeEach
    void warmUp() throws Exception {
        if (warmed != sandbox) {
            get("/u.cfm?d=1&m=41388&u=873588");
            sandbox.awin().reset();
            sandbox.shareASale().reset();
            warmed = sandbox;
        }
    }

    @Test
    void sendsADealLinkToAwinsDeepLinkWithoutTheDealId() throws Exception {
        HttpResponse<byte[]> response = get("/u.cfm?d=440762&m=41388&u=873588&afftrack=spring");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(landing(response)).startsWith("https://www.example.com/?awc=15532_");
        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.uri()).isEqualTo("/cread.php?awinmid=15532&awinaffid=402911&clickref2=spring");
        assertThat(sandbox.shareASale().received()).isEmpty();
    }

    @Test
    void sendsAProductWithoutAnAwinProductIdToItsProductPage() throws Exception {
        HttpResponse<byte[]> response = get("/m-pr.cfm?merchantID=41388&userID=873588&productID=7000001");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(landing(response)).startsWith("https://www.example.com/p/7000001?awc=15532_");
        assertThat(awinReceivedOne().param("ued")).isEqualTo("https://www.example.com/p/7000001");
    }

    @Test
    void sendsAProductOfTheProductLookupToPclick() throws Exception {
        get("/m-pr.cfm?merchantID=41388&userID=873588&productID=546411875");

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.path()).isEqualTo("/pclick.php");
        assertThat(awin.uri()).isEqualTo("/pclick.php?m=15532&a=402911&p=33445566");
    }

    @Test
    void sendsAProductLinkOfAnUnknownMerchantToLegacyUnchanged() throws Exception {
        String target = "/m-pr.cfm?merchantID=99999&userID=873588&productID=1";
        get(target);

        assertThat(sandbox.awin().received()).isEmpty();
        assertThat(shareASaleReceivedOne().uri()).isEqualTo(target);
    }
}
