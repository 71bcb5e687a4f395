package io.cutover.loadtest.sim;

import static io.cutover.loadtest.testing.TestHttp.location;
import static io.cutover.loadtest.testing.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeaks.class)
class SimulatedAwinTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final Pattern AWC = Pattern.compile("1001_" + NOW.getEpochSecond() + "_[0-9a-f]{32}");

    private static SimulatedAwin awin;
    private final TestHttp http = new TestHttp();

    @BeforeAll
    static void start() {
        awin = new SimulatedAwin(
                SimulatorOptions.builder()
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .random(new SplittableRandom(7))
                        .build(),
                Map.of("2002", "https://shop-2002.example/home?src=aff#top"));
        awin.start();
    }

    @AfterEach
    void forget() {
        awin.reset();
    }

    @AfterAll
    static void stop() {
        awin.close();
    }

    @Test
    void redirectsClickToUedWithAwcAppended() throws Exception {
        HttpResponse<byte[]> response = click("awinmid=1001&awinaffid=77&clickref=&ued=https%3A%2F%2Fshop.example%2Fp");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).matches(Pattern.quote("https://shop.example/p?awc=") + AWC);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void setsThirdPartyClickCookieOnAwinDomain() throws Exception {
        HttpResponse<byte[]> response = click("awinmid=1001&awinaffid=77&ued=https%3A%2F%2Fshop.example%2F");

        String awc = awcOf(location(response));
        assertThat(response.headers().allValues("Set-Cookie"))
                .containsExactly(
                        "aw1001=" + awc + "; Domain=.awin1.com; Path=/; Max-Age=2592000; SameSite=None; Secure");
    }

    @Test
    void keepsFragmentLastWhenAppendingAwc() throws Exception {
        HttpResponse<byte[]> response = click("awinmid=1001&awinaffid=77&ued=https%3A%2F%2Fshop.example%2Fp%23reviews");

        assertThat(location(response)).matches(Pattern.quote("https://shop.example/p?awc=") + AWC + "#reviews");
    }

    @Test
    void joinsQueryEndingInAmpersandWithoutDoublingIt() throws Exception {
        HttpResponse<byte[]> response =
                click("awinmid=1001&awinaffid=77&ued=https%3A%2F%2Fshop.example%2Fp%3Fa%3D1%26");

        assertThat(location(response)).matches(Pattern.quote("https://shop.example/p?a=1&awc=") + AWC);
    }

    @Test
    void appendsAwcAfterExistingQuery() throws Exception {
        HttpResponse<byte[]> response =
                click("awinmid=1001&awinaffid=77&ued=https%3A%2F%2Fshop.example%2Fs%3Fq%3Dred%2Bshoes%26page%3D2");

        assertThat(location(response)).matches(Pattern.quote("https://shop.example/s?q=red+shoes&page=2&awc=") + AWC);
    }

    @Test
    void decodesUedExactlyOnce() throws Exception {
        HttpResponse<byte[]> response =
                click("awinmid=1001&awinaffid=77&ued=https%3A%2F%2Fshop.example%2Fs%3Fq%3Da%2520b");

        assertThat(location(response)).matches(Pattern.quote("https://shop.example/s?q=a%20b&awc=") + AWC);
    }

    @Test
    void landsOnConfiguredDefaultWhenUedIsEmpty() throws Exception {
        HttpResponse<byte[]> response = click("awinmid=2002&awinaffid=77&clickref=&ued=");

        assertThat(location(response))
                .matches(Pattern.quote("https://shop-2002.example/home?src=aff&awc=2002_") + "\\d+_[0-9a-f]{32}#top");
    }

    @Test
    void landsOnAdvertiserPlaceholderWhenUedIsAbsentAndNoDefaultIsConfigured() throws Exception {
        HttpResponse<byte[]> response = click("awinmid=1001&awinaffid=77");

        assertThat(location(response)).matches(Pattern.quote("https://advertiser-1001.example/?awc=") + AWC);
    }

    @Test
    void setsNoCookieAndPassesNoClickIdWhenConsentIsRefused() throws Exception {
        HttpResponse<byte[]> response =
                click("awinmid=1001&awinaffid=77&cons=0&ued=https%3A%2F%2Fshop.example%2Fp%3Fa%3D1");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).isEqualTo("https://shop.example/p?a=1");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void tracksAsUsualWhenConsentIsGiven() throws Exception {
        HttpResponse<byte[]> response = click("awinmid=1001&awinaffid=77&cons=1");

        assertThat(location(response)).contains("awc=");
        assertThat(response.headers().allValues("Set-Cookie")).hasSize(1);
    }

    @Test
    void rejectsClickWithoutAdvertiser() throws Exception {
        HttpResponse<byte[]> response = click("awinaffid=77&ued=https%3A%2F%2Fshop.example%2F");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("awinmid: missing (expected: digits)\n");
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void rejectsClickWithNonNumericPublisher() throws Exception {
        HttpResponse<byte[]> response = click("awinmid=1001&awinaffid=abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("awinaffid: 'abc' (expected: digits)\n");
    }

    @Test
    void rejectsLandingThatWouldSplitTheHeader() throws Exception {
        HttpResponse<byte[]> response =
                click("awinmid=1001&awinaffid=77&ued=https%3A%2F%2Fshop.example%2F%0D%0ASet-Cookie%3A%20x%3D1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void percentEncodesNonAsciiLandingCharacters() throws Exception {
        HttpResponse<byte[]> response =
                click("awinmid=1001&awinaffid=77&ued=https%3A%2F%2Fshop.example%2Fcaf%C3%A9%20bar");

        assertThat(location(response)).matches(Pattern.quote("https://shop.example/caf%C3%A9%20bar?awc=") + AWC);
    }

    @Test
    void mintsTheSameAwcForTheSameSeedAndClock() throws Exception {
        try (SimulatedAwin twin = new SimulatedAwin(
                        SimulatorOptions.builder()
                                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                                .random(new SplittableRandom(99))
                                .build(),
                        Map.of());
                SimulatedAwin other = new SimulatedAwin(
                        SimulatorOptions.builder()
                                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                                .random(new SplittableRandom(99))
                                .build(),
                        Map.of())) {
            twin.start();
            other.start();
            String first = location(http.get(twin.trackingUri(), "/cread.php?awinmid=1001&awinaffid=77"));
            String second = location(http.get(other.trackingUri(), "/cread.php?awinmid=1001&awinaffid=77"));

            assertThat(first).isEqualTo(second).matches(".*awc=" + AWC);
        }
    }

    @Test
    void answersHeadWithTheRedirectAndNoBody() throws Exception {
        HttpResponse<byte[]> response = http.head(awin.trackingUri(), "/cread.php?awinmid=1001&awinaffid=77");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).matches(".*awc=" + AWC);
        assertThat(response.headers().allValues("Set-Cookie")).hasSize(1);
        assertThat(response.body()).isEmpty();
        assertThat(awin.received()).extracting(ReceivedRequest::method).containsExactly("HEAD");
    }

    @Test
    void answersConversionPixelWithTransparentGif() throws Exception {
        HttpResponse<byte[]> response =
                http.get(awin.trackingUri(), "/sread.img?tt=ns&tv=2&merchant=1001&amount=10.00&ref=order-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.body()).hasSize(43).startsWith("GIF89a".getBytes()).endsWith(new byte[] {0x3B});
        assertThat(awin.received()).singleElement().satisfies(record -> {
            assertThat(record.path()).isEqualTo("/sread.img");
            assertThat(record.param("ref")).isEqualTo("order-1");
            assertThat(record.status()).isEqualTo(200);
        });
    }

    @Test
    void answersHeadOnPixelWithLengthButNoBody() throws Exception {
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            connection.send("HEAD", "/sread.img?merchant=1001");
            RawConnection.RawResponse response = connection.read(true);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo("43");
            // Still usable: no stray body bytes were sent after the headers.
            assertThat(connection.get("/sread.img?merchant=1001").body()).hasSize(43);
        }
    }

    @Test
    void answersUnknownPathWithNotFound() throws Exception {
        HttpResponse<byte[]> response = http.get(awin.trackingUri(), "/awclick.php?mid=1001&id=77");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(awin.received())
                .singleElement()
                .extracting(ReceivedRequest::status)
                .isEqualTo(404);
    }

    @Test
    void refusesMethodsOtherThanGetAndHead() throws Exception {
        HttpResponse<byte[]> response = http.post(awin.trackingUri(), "/cread.php?awinmid=1001&awinaffid=77");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void answersTheServerToServerConversionAndRefusesOneWithoutItsType() throws Exception {
        HttpResponse<byte[]> ok =
                http.get(awin.trackingUri(), "/sread.php?tt=ss&tv=2&merchant=1001&amount=10.00&ref=o-1");
        HttpResponse<byte[]> pixelType = http.get(awin.trackingUri(), "/sread.php?tt=ns&merchant=1001");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(text(ok)).isEqualTo("OK\n");
        assertThat(pixelType.statusCode()).isEqualTo(400);
        assertThat(text(pixelType)).isEqualTo("tt: 'ns' (expected: ss)\n");
    }

    @Test
    void countsAnEventIdOnceAndReportsTheDuplicatesOnItsControlPort() throws Exception {
        String conversion = "/sread.php?tt=ss&merchant=1001&amount=10.00&ref=o-2";
        http.get(awin.trackingUri(), conversion, "X-Cutover-Event-Id", "ev-1");
        http.get(awin.trackingUri(), conversion, "X-Cutover-Event-Id", "ev-1", "X-Cutover-Replay", "1");
        http.get(awin.trackingUri(), conversion, "X-Cutover-Event-Id", "ev-2", "X-Cutover-Replay", "1");
        http.get(awin.trackingUri(), "/sread.php?tt=ss&merchant=x", "X-Cutover-Event-Id", "ev-3");

        assertThat(awin.stats()).isEqualTo(new EventStats(4, 2, 1, 2, 0));
        assertThat(awin.countedEvents()).containsExactlyInAnyOrder("ev-1", "ev-2");
        assertThat(text(http.get(awin.controlUri(), "/stats")))
                .isEqualTo("{\"requests\":4,\"events\":2,\"duplicates\":1,\"replays\":2,\"withoutEventId\":0}");
        assertThat(awin.received().get(1).header("X-Cutover-Replay")).isEqualTo("1");
    }

    private HttpResponse<byte[]> click(String query) throws Exception {
        return http.get(awin.trackingUri(), "/cread.php?" + query);
    }

    private static String awcOf(String location) {
        Matcher matcher = Pattern.compile("awc=([^&#]+)").matcher(location);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
