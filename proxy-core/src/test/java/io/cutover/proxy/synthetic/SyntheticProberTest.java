package io.cutover.proxy.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cutover.failover.Fate;
import io.cutover.failover.Route;
import io.cutover.mapping.LinkKind;
import io.cutover.ops.metrics.SyntheticMetrics;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.ops.synthetic.SyntheticReport;
import io.cutover.proxy.config.SyntheticSettings;
import io.cutover.proxy.flow.ClientHeaders;
import io.cutover.proxy.flow.Exchange;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prober's checks, in order, against a stand-in for Cutover's listener on port 0 that
 * answers as told and tells the witness what fate it recorded.
 */
class SyntheticProberTest {

    private static final String LANDING = "https://www.example.com/page";

    private final SyntheticWitness witness = new SyntheticWitness();
    private final Telemetry telemetry = Telemetry.create("cutover");
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private HttpServer cutover;
    private SyntheticProber prober;

    private record Answer(int status, String location, String eventId, Fate fate) {}

    @BeforeEach
    void start() throws IOException {
        cutover = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cutover.createContext("/", exchange -> {
            Answer a = answer.get();
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            if (a.eventId() != null) {
                exchange.getResponseHeaders().add("X-Cutover-Event-Id", a.eventId());
                if (a.fate() != null) {
                    witness.tracked(exchange(a.eventId(), userAgent), a.fate(), a.status(), Route.local(List.of()), 1);
                }
            }
            if (a.location() != null) {
                exchange.getResponseHeaders().add("Location", a.location());
            }
            exchange.sendResponseHeaders(a.status(), -1);
            exchange.close();
        });
        cutover.start();
        SyntheticSettings settings = new SyntheticSettings(
                true, Duration.ofSeconds(60), Duration.ofSeconds(5), "/r.cfm?b=1&u=2&m=3&urllink=", LANDING);
        prober = new SyntheticProber(
                settings,
                URI.create("http://127.0.0.1:" + cutover.getAddress().getPort() + "/"),
                witness,
                new SyntheticMetrics(telemetry.meter()),
                Clock.systemUTC(),
                System::nanoTime);
    }

    @AfterEach
    void stop() {
        prober.close();
        cutover.stop(0);
        telemetry.close();
    }

    private static Exchange exchange(String eventId, String userAgent) {
        ClientHeaders headers =
                new ClientHeaders("localhost", userAgent, null, null, null, null, "127.0.0.1", null, "http");
        return new Exchange(eventId, LinkKind.BANNER_CLICK, HttpMethod.GET, "/r.cfm", null, headers, 0);
    }

    @Test
    void passesWhenTheClickLandsAndThePrimaryRecordedItsEvent() {
        answer.set(new Answer(302, LANDING + "?id=6&awc=1_2_3", "e-1", Fate.PRIMARY));

        SyntheticReport report = prober.runOnce();

        assertThat(report.state()).isEqualTo(SyntheticReport.OK);
        assertThat(report.result()).isEqualTo("ok");
        assertThat(report.eventId()).isEqualTo("e-1");
        assertThat(report.lastSuccess()).isEqualTo(report.lastRun());
        assertThat(prober.toJson()).startsWith("{\"enabled\":true,\"ok\":true,\"lastAt\":");
    }

    @Test
    void failsWithTheFirstCheckThatDoesNotHold() {
        answer.set(new Answer(200, null, "e-2", Fate.PRIMARY));
        assertThat(prober.runOnce().result()).isEqualTo("bad_status");

        answer.set(new Answer(302, "https://elsewhere.example/", "e-3", Fate.PRIMARY));
        assertThat(prober.runOnce().result()).isEqualTo("bad_landing");

        answer.set(new Answer(302, LANDING, null, null));
        assertThat(prober.runOnce().result()).isEqualTo("no_event_id");

        answer.set(new Answer(302, LANDING, "e-4", null));
        assertThat(prober.runOnce().result()).isEqualTo("not_recorded");

        answer.set(new Answer(302, LANDING, "e-5", Fate.LEGACY));
        SyntheticReport report = prober.runOnce();
        assertThat(report.result()).isEqualTo("not_primary");
        assertThat(report.detail()).contains("legacy");
        assertThat(report.state()).isEqualTo(SyntheticReport.FAILING);
        assertThat(report.consecutiveFailures()).isEqualTo(5);
        assertThat(report.lastSuccess()).isNull();
        assertThat(prober.toJson()).contains("\"ok\":false").contains("\"result\":\"not_primary\"");
    }

    @Test
    void failsWhenThePlatformHasNoRecordOfTheEvent() {
        answer.set(new Answer(302, LANDING, "e-6", Fate.PRIMARY));
        prober.confirmWith(eventId -> CompletableFuture.completedFuture(false));
        assertThat(prober.runOnce().result()).isEqualTo("not_recorded");

        prober.confirmWith(eventId -> CompletableFuture.completedFuture(eventId.equals("e-6")));
        assertThat(prober.runOnce().result()).isEqualTo("ok");
    }

    @Test
    void failsWhenNothingAnswers() {
        cutover.stop(0);

        SyntheticReport report = prober.runOnce();

        assertThat(report.result()).isEqualTo("no_answer");
        assertThat(report.eventId()).isNull();
    }

    @Test
    void ignoresClicksThatAreNotTheProbersOwn() {
        witness.tracked(exchange("e-7", "Mozilla/5.0"), Fate.PRIMARY, 302, Route.local(List.of()), 1);

        assertThat(witness.fate("e-7")).isEmpty();
    }

    @Test
    void startsPendingBeforeTheFirstRun() {
        assertThat(prober.current().state()).isEqualTo(SyntheticReport.PENDING);
        assertThat(prober.toJson()).startsWith("{\"enabled\":true,\"ok\":null,\"lastAt\":null");
    }
}
