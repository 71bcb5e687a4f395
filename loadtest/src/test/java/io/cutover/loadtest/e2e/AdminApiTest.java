package io.cutover.loadtest.e2e;

import static io.cutover.loadtest.testing.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API on the sandbox's admin listener: reading is open, every change needs the bearer
 * token, and a forced-open primary breaker sends the very next click to legacy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NettyLeaks.class)
class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Budgets a loaded test machine keeps: the sandbox's own are for an idle one. */
    static final Map<String, Object> PATIENT = Map.of(
            "replay.enabled", false,
            "deadlines.click", "3s",
            "backends.primary.connect-timeout", "1s",
            "backends.primary.response-timeout", "2s",
            "backends.legacy.connect-timeout", "1s",
            "backends.legacy.response-timeout", "2s");

    private final TestHttp http = new TestHttp();
    private Sandbox sandbox;
    private URI admin;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxOptions.ephemeral(1), PATIENT);
        admin = URI.create(sandbox.adminUrl());
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.awin().reset();
        sandbox.shareASale().reset();
        sandbox.cutover().guard("primary").reset();
        sandbox.cutover().guard("legacy").reset();
    }

    private HttpResponse<byte[]> post(String target, String... headers) throws Exception {
        return http.send("POST", admin, target, headers);
    }

    private HttpResponse<byte[]> withToken(String target) throws Exception {
        return post(target, "Authorization", "Bearer " + sandbox.adminToken());
    }

    private JsonNode state() throws Exception {
        HttpResponse<byte[]> response = http.get(admin, "/admin/state");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> click() throws Exception {
        return http.get(URI.create(sandbox.url()), "/r.cfm?" + EndToEndTest.CLICK);
    }

    @Test
    void withoutTheTokenEveryChangeIsRefusedAndNothingChanges() throws Exception {
        JsonNode before = state();
        String[] wrong = {
            null, "Bearer", "Bearer not-the-token-0000000000000", "Basic " + sandbox.adminToken(), sandbox.adminToken()
        };
        for (String authorization : wrong) {
            for (String target : new String[] {
                "/admin/breakers/primary?state=forced-open",
                "/admin/breakers/legacy?state=forced-closed",
                "/admin/reload",
                "/admin/redrive",
                "/admin/drain"
            }) {
                HttpResponse<byte[]> refused =
                        authorization == null ? post(target) : post(target, "Authorization", authorization);
                assertThat(refused.statusCode()).as(target).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"cutover-admin\"");
                assertThat(text(refused)).doesNotContain(sandbox.adminToken());
            }
        }
        JsonNode after = state();
        assertThat(after.at("/breakers/primary/state").asText()).isEqualTo("closed");
        assertThat(after.at("/breakers/legacy/state").asText()).isEqualTo("closed");
        assertThat(after.at("/drain/state").asText()).isEqualTo("serving");
        assertThat(after.at("/mapping/version")).isEqualTo(before.at("/mapping/version"));
        assertThat(after.at("/mapping/lastReload")).isEqualTo(before.at("/mapping/lastReload"));
        assertThat(http.get(admin, "/ready").statusCode()).isEqualTo(200);

        HttpResponse<byte[]> landed = click();
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(sandbox.awin().received()).hasSize(1);
        assertThat(sandbox.shareASale().received()).isEmpty();
    }

    @Test
    void forcingThePrimaryOpenSendsTheNextClickToLegacyUntilReleased() throws Exception {
        HttpResponse<byte[]> forced = withToken("/admin/breakers/primary?state=forced-open");
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(text(forced)).isEqualTo("{\"backend\":\"primary\",\"override\":\"forced-open\"}\n");
        assertThat(state().at("/breakers/primary/state").asText()).isEqualTo("forced_open");
        assertThat(state().at("/breakers/primary/override").asText()).isEqualTo("forced-open");

        HttpResponse<byte[]> next = click();
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElseThrow()).contains("sscid=");
        assertThat(sandbox.awin().received())
                .as("the forced-open primary gets nothing")
                .isEmpty();
        assertThat(sandbox.shareASale().received()).hasSize(1);
        assertThat(sandbox.shareASale().received().get(0).eventId())
                .isEqualTo(next.headers().firstValue("X-Cutover-Event-Id").orElseThrow());

        assertThat(withToken("/admin/breakers/primary?state=auto").statusCode()).isEqualTo(200);
        assertThat(state().at("/breakers/primary/state").asText()).isEqualTo("closed");
        assertThat(click().headers().firstValue("Location").orElseThrow()).contains("awc=");
        assertThat(sandbox.awin().received()).hasSize(1);
    }

    @Test
    void forcingThePrimaryClosedKeepsSendingToItWhateverItAnswers() throws Exception {
        assertThat(withToken("/admin/breakers/primary?state=forced-closed").statusCode())
                .isEqualTo(200);
        sandbox.awin().fault(io.cutover.loadtest.sim.Fault.error(503));
        for (int i = 0; i < 30; i++) {
            assertThat(click().statusCode()).isEqualTo(302);
        }
        assertThat(state().at("/breakers/primary/state").asText())
                .as("the failures are not judged")
                .isEqualTo("disabled");
        assertThat(sandbox.awin().received()).hasSize(30);
        assertThat(withToken("/admin/breakers/primary?state=auto").statusCode()).isEqualTo(200);
    }

    @Test
    void theStateSaysWhatServesAndAReloadMovesTheMappingVersion() throws Exception {
        click();
        JsonNode state = state();
        assertThat(state.at("/ready/status").asText()).isEqualTo("UP");
        assertThat(state.at("/mapping/endpoints").asInt()).isEqualTo(4);
        assertThat(state.at("/directory/merchants").asLong()).isPositive();
        assertThat(state.at("/queue/sqs").asText()).isEqualTo("up");
        assertThat(state.at("/bulkheads/primary/max").asInt()).isPositive();
        assertThat(state.at("/synthetic/enabled").asBoolean()).isFalse();
        assertThat(state.has("live")).isTrue();
        long version = state.at("/mapping/version").asLong();

        HttpResponse<byte[]> reload = withToken("/admin/reload");
        assertThat(reload.statusCode()).isEqualTo(200);
        JsonNode after = state();
        assertThat(after.at("/mapping/version").asLong()).isEqualTo(version + 1);
        assertThat(after.at("/mapping/lastReload/ok").asBoolean()).isTrue();
        assertThat(after.at("/mapping/lastReload/trigger").asText()).isEqualTo("admin");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                state().at("/live/totals/r.cfm/primary").asLong())
                        .isPositive());
    }

    /** Last: the sandbox does not serve clicks after it. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aDrainTakesTheInstanceOutOfReadinessAndStopsTakingConnections() throws Exception {
        // A sandbox of its own: a drain is for good.
        try (Sandbox drained = Sandbox.start(SandboxOptions.ephemeral(1), PATIENT)) {
            URI drainedAdmin = URI.create(drained.adminUrl());
            RawConnection open = RawConnection.open(drained.cutover().port());
            assertThat(open.get("/r.cfm?" + EndToEndTest.CLICK).status()).isEqualTo(302);

            HttpResponse<byte[]> started =
                    http.send("POST", drainedAdmin, "/admin/drain", "Authorization", "Bearer " + drained.adminToken());
            assertThat(started.statusCode()).isEqualTo(202);
            assertThat(text(started)).contains("\"state\":\"draining\"");
            assertThat(http.get(drainedAdmin, "/ready").statusCode()).isEqualTo(503);
            assertThat(drained.cutover().drain().get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(open.awaitClose())
                    .as("the quiet keep-alive connection is closed in order")
                    .isNull();
            assertThat(JSON.readTree(http.get(drainedAdmin, "/admin/state").body())
                            .at("/drain/state")
                            .asText())
                    .isEqualTo("drained");
            assertThat(http.get(drainedAdmin, "/live").statusCode()).isEqualTo(200);
            try {
                RawConnection.open(drained.cutover().port()).close();
                throw new AssertionError("the client listener still accepts after a drain");
            } catch (ConnectException expected) {
                // nothing listens any more
            }
        }
    }
}
