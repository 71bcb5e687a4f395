package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.RawConnection;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Legacy links as they really arrive (platforms.md §6), through the whole proxy: each must still
 * reach Awin with the right values, or land safely.
 */
class MessyLinkTest extends EndToEndTest {

    @Test
    void readsLinksCopiedFromHtmlWithAmpEntities() throws Exception {
        // A browser would cut '&#38;…' off as a fragment; servers and click-trackers send it as is.
        try (RawConnection connection = raw()) {
            assertThat(connection
                            .get("/r.cfm?b=366125&amp;u=873588&amp;m=41388&amp;urllink=&amp;afftrack=html&#38;cons=1")
                            .status())
                    .isEqualTo(302);
        }

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.param("awinmid")).isEqualTo("15532");
        assertThat(awin.param("awinaffid")).isEqualTo("402911");
        assertThat(awin.param("clickref2")).isEqualTo("html");
        assertThat(awin.param("cons")).isEqualTo("1");
    }

    @Test
    void readsUpperCaseKeysOfOldShareAsaleDocs() throws Exception {
        click("B=02&U=873588&M=41388");

        assertThat(awinReceivedOne().param("awinmid")).isEqualTo("15532");
    }

    @Test
    void addsTheMissingSchemeToShareAsalesOwnDeepLinkRecipe() throws Exception {
        HttpResponse<byte[]> response =
                click("b=1&u=873588&m=41388&urllink=www.example.com/page.cfm%3FID%3D6&afftrack=");

        assertThat(awinReceivedOne().param("ued")).isEqualTo("https://www.example.com/page.cfm?ID=6");
        assertThat(landing(response)).startsWith("https://www.example.com/page.cfm?ID=6&awc=");
    }

    @Test
    void decodesADoubleEncodedDeepLinkOnce() throws Exception {
        click("b=1&u=873588&m=41388&urllink=https%253A%252F%252Fwww.example.com%252Fp%253Fq%253D1&afftrack=");

        assertThat(awinReceivedOne().param("ued")).isEqualTo("https://www.example.com/p?q=1");
    }

    @Test
    void keepsEncodedCharactersInsideTheLandingsOwnQuery() throws Exception {
        click("b=1&u=873588&m=41388&urllink=https%3A%2F%2Fwww.example.com%2Fs%3Fq%3Da%2526b&afftrack=");

        assertThat(awinReceivedOne().param("ued")).isEqualTo("https://www.example.com/s?q=a%26b");
    }

    @Test
    void treatsEmptyParametersAsAbsent() throws Exception {
        click("b=&u=873588&m=41388&urllink=&afftrack=");

        assertThat(awinReceivedOne().params()).containsOnlyKeys("awinmid", "awinaffid");
    }

    @Test
    void takesTheFirstNonEmptyValueOfARepeatedKey() throws Exception {
        click(
                "b=1&u=873588&m=41388&urllink=&urllink=www.example.com%2Ffirst&urllink=www.example.com%2Fsecond&afftrack=");

        assertThat(awinReceivedOne().param("ued")).isEqualTo("https://www.example.com/first");
    }

    @Test
    void keepsAnotherTrackerInsideTheDeepLinkAsOneUrl() throws Exception {
        click("b=1&u=873588&m=41388&afftrack=&urllink="
                + "https%3A%2F%2Fwww.example.com%2Fout%3Furl%3Dhttps%253A%252F%252Fother.example%252Fx%26id%3D9");

        assertThat(awinReceivedOne().param("ued"))
                .isEqualTo("https://www.example.com/out?url=https%3A%2F%2Fother.example%2Fx&id=9");
    }

    @Test
    void reattachesTheQueryOfARawUnencodedDeepLink() throws Exception {
        click("b=1&u=873588&m=41388&urllink=https://www.example.com/p?a=1&color=red&afftrack=t");

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.param("ued")).isEqualTo("https://www.example.com/p?a=1&color=red");
        assertThat(awin.param("clickref2")).isEqualTo("t");
    }

    @Test
    void readsPlusAsASpaceOnlyInSubIds() throws Exception {
        click("b=1&u=873588&m=41388&urllink=www.example.com%2Fa+b&afftrack=spring+sale");

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.param("clickref2")).isEqualTo("spring sale");
        assertThat(awin.uri()).contains("ued=https%3A%2F%2Fwww.example.com%2Fa%2Bb");
    }

    @Test
    void toleratesATrailingAmpersand() throws Exception {
        click("b=1&u=873588&m=41388&urllink=&afftrack=x&");

        assertThat(awinReceivedOne().param("clickref2")).isEqualTo("x");
    }

    @Test
    void capsAfftrackAtShareAsalesLimit() throws Exception {
        click("b=1&u=873588&m=41388&afftrack=" + "a".repeat(300));

        assertThat(awinReceivedOne().param("clickref2")).hasSize(255);
    }

    @Test
    void passesConsentRefusalToAwinUntouched() throws Exception {
        HttpResponse<byte[]> response =
                click(CLICK + "&cons=0&gdpr=1&gdpr_consent=CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA");

        ReceivedRequest awin = awinReceivedOne();
        assertThat(awin.param("cons")).isEqualTo("0");
        assertThat(awin.param("gdpr")).isEqualTo("1");
        assertThat(awin.param("gdpr_consent")).isEqualTo("CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA");
        // Awin itself then sets no cookie and passes no click id (the simulator does as Awin documents).
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(landing(response)).doesNotContain("awc=");
    }

    @Test
    void neverRedirectsToADomainTheMerchantDoesNotOwn() throws Exception {
        HttpResponse<byte[]> response =
                click("b=1&u=873588&m=41388&urllink=https%3A%2F%2Fevil.example%2Fphish&afftrack=");

        assertThat(awinReceivedOne().param("ued")).isEqualTo("https://www.example.com/");
        assertThat(landing(response)).startsWith("https://www.example.com/?awc=");
    }

    @Test
    void neverRedirectsToAScriptUrl() throws Exception {
        awinDown();
        shareASaleDown();

        HttpResponse<byte[]> response = click("b=1&u=873588&m=41388&urllink=javascript%3Aalert(1)&afftrack=");

        assertThat(landing(response)).isEqualTo("https://www.example.com/");
    }

    @Test
    void neverLetsAnEncodedLineBreakReachAHeader() throws Exception {
        awinDown();
        shareASaleDown();

        HttpResponse<byte[]> response =
                click("b=1&u=873588&m=41388&urllink=www.example.com%2F%0D%0ASet-Cookie%3A%20x%3D1&afftrack=");

        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(landing(response)).doesNotContain("\r", "\n");
    }
}
