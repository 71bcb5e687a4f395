package io.cutover.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.PrimaryRequest;
import io.cutover.mapping.Translator;
import io.cutover.mapping.Unmapped;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.table.MappingTable;
import io.cutover.ops.metrics.RedirectMetrics;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.web.RedirectProblem;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedirectGuardTest {

    private static final String FALLBACK = "https://www.awin.com/";

    private final Telemetry telemetry = Telemetry.create("cutover");
    private final Translator translator = new Translator(
            MappingTable.builtIn(),
            FileDirectory.of(
                    List.of(
                            new Merchant("41388", "15532", "https://www.example.com/", List.of("example.com")),
                            new Merchant(
                                    "50505", null, "https://www.legacy-only.example/", List.of("legacy-only.example"))),
                    Map.of()));
    private final RedirectGuard guard = new RedirectGuard(
            () -> translator,
            FALLBACK,
            new RedirectMetrics(telemetry.meter(), RedirectGuard.sources(), RedirectGuard.reasons()));

    @AfterEach
    void closeTelemetry() {
        telemetry.close();
    }

    @Test
    void keepsASafeLocationUntouched() {
        FullHttpResponse response = redirect("https://shop.example.com/p?awc=1");

        assertThat(guard.enforce(response, exchange(mapped("41388")), RedirectGuard.Source.PRIMARY))
                .isNull();
        assertThat(response.headers().get(HttpHeaderNames.LOCATION)).isEqualTo("https://shop.example.com/p?awc=1");
    }

    @Test
    void replacesAnOffDomainLocationWithTheMerchantsDefaultLanding() {
        FullHttpResponse response = redirect("https://www.example.com@evil.com/");

        assertThat(guard.enforce(response, exchange(mapped("41388")), RedirectGuard.Source.LEGACY))
                .isEqualTo(RedirectProblem.USERINFO);
        assertThat(response.headers().getAll(HttpHeaderNames.LOCATION)).containsExactly("https://www.example.com/");
        assertThat(response.status()).isEqualTo(HttpResponseStatus.FOUND);
    }

    @Test
    void boundsAMerchantNotOnAwinYetByItsDomains() {
        FullHttpResponse response = redirect("https://www.example.com/");
        Unmapped unmapped = new Unmapped(
                LinkKind.BANNER_CLICK,
                "not on Awin",
                Optional.of("50505"),
                Optional.of("https://www.legacy-only.example/"));

        assertThat(guard.enforce(response, exchange(unmapped), RedirectGuard.Source.LEGACY))
                .isEqualTo(RedirectProblem.DOMAIN_NOT_ALLOWED);
        assertThat(response.headers().get(HttpHeaderNames.LOCATION)).isEqualTo("https://www.legacy-only.example/");
    }

    @Test
    void sendsAnUnknownMerchantsUnsafeRedirectToTheFallbackPage() {
        FullHttpResponse response = redirect("http://2130706433/");
        Unmapped unknown =
                new Unmapped(LinkKind.BANNER_CLICK, "not in the directory", Optional.of("99999"), Optional.empty());

        assertThat(guard.enforce(response, exchange(unknown), RedirectGuard.Source.LEGACY))
                .isEqualTo(RedirectProblem.IP_LITERAL);
        assertThat(response.headers().get(HttpHeaderNames.LOCATION)).isEqualTo(FALLBACK);
    }

    @Test
    void replacesRepeatedLocations() {
        FullHttpResponse response = redirect("https://www.example.com/");
        response.headers().add(HttpHeaderNames.LOCATION, "https://evil.com/");

        assertThat(guard.enforce(response, exchange(mapped("41388")), RedirectGuard.Source.PRIMARY))
                .isEqualTo(RedirectProblem.REPEATED);
        assertThat(response.headers().getAll(HttpHeaderNames.LOCATION)).containsExactly("https://www.example.com/");
    }

    @Test
    void countsEachReplacementBySourceAndReason() throws IOException {
        guard.enforce(redirect("//evil.com/"), exchange(mapped("41388")), RedirectGuard.Source.LEGACY);
        guard.enforce(redirect("//evil.com/"), exchange(mapped("41388")), RedirectGuard.Source.LEGACY);

        ByteArrayOutputStream scrape = new ByteArrayOutputStream();
        telemetry.scrape(scrape);
        assertThat(scrape.toString(StandardCharsets.UTF_8))
                .contains("cutover_redirects_replaced_total{reason=\"not-absolute\",source=\"legacy\"} 2.0");
    }

    private static MappingResult mapped(String merchant) {
        return new Mapped(
                LinkKind.BANNER_CLICK,
                merchant,
                "873588",
                new PrimaryRequest("/cread.php", "awinmid=15532"),
                "https://www.example.com/");
    }

    private static Exchange exchange(MappingResult mapping) {
        return new Exchange(
                "event-1",
                LinkKind.BANNER_CLICK,
                HttpMethod.GET,
                "/r.cfm?m=41388",
                mapping,
                new ClientHeaders(null, null, null, null, null, null, "127.0.0.1", null, null),
                0);
    }

    private static FullHttpResponse redirect(String location) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND, Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }
}
