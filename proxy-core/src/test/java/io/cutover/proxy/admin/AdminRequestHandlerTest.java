package io.cutover.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.BreakerOverride;
import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.guard.GuardListener;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.ops.admin.AdminToken;
import io.cutover.ops.health.Health;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.proxy.reload.ReloadResult;
import io.cutover.proxy.replay.ReplayService;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin endpoints' routing and their guard: no token, no change. */
class AdminRequestHandlerTest {

    static final String TOKEN = "unit-test-admin-token-000000000000";

    private final Telemetry telemetry = Telemetry.create("test");
    private final Operations operations = new Operations();

    @AfterEach
    void close() {
        telemetry.close();
    }

    /** Real guards; reload and drain only counted. */
    static final class Operations implements AdminOperations {
        final Map<String, BackendGuard> guards = new LinkedHashMap<>();
        final AtomicInteger reloads = new AtomicInteger();
        final AtomicInteger drains = new AtomicInteger();

        Operations() {
            for (String name : List.of("primary", "legacy")) {
                guards.put(
                        name, new BackendGuard(name, GuardSettings.defaults(), Clock.systemUTC(), GuardListener.NONE));
            }
        }

        @Override
        public String stateJson() {
            return "{\"primary\":\"" + guards.get("primary").state().tag() + "\"}";
        }

        @Override
        public List<String> backends() {
            return List.copyOf(guards.keySet());
        }

        @Override
        public void override(String backend, BreakerOverride override) {
            guards.get(backend).override(override);
        }

        @Override
        public CompletableFuture<ReloadResult> reload() {
            reloads.incrementAndGet();
            return new CompletableFuture<>();
        }

        @Override
        public ReplayService replay() {
            return null;
        }

        @Override
        public String drain() {
            drains.incrementAndGet();
            return "{\"state\":\"draining\"}";
        }
    }

    private Answer ask(HttpMethod method, String uri, String authorization) {
        EmbeddedChannel channel = new EmbeddedChannel(new AdminRequestHandler(
                telemetry, Health.builder().build(), Optional.of(AdminToken.of(TOKEN)), operations));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        try {
            return new Answer(
                    response == null ? 0 : response.status().code(),
                    response == null ? "" : response.content().toString(StandardCharsets.UTF_8),
                    response == null ? null : response.headers().get("WWW-Authenticate"));
        } finally {
            if (response != null) {
                response.release();
            }
            channel.finishAndReleaseAll();
        }
    }

    private record Answer(int status, String body, String challenge) {}

    @Test
    void refusesEveryChangeWithoutTheTokenAndChangesNothing() {
        for (String authorization :
                new String[] {null, "", "Bearer", "Bearer wrong-token-000000000000000", "Basic " + TOKEN, TOKEN}) {
            for (String uri : List.of(
                    "/admin/breakers/primary?state=forced-open", "/admin/reload", "/admin/redrive", "/admin/drain")) {
                Answer answer = ask(HttpMethod.POST, uri, authorization);
                assertThat(answer.status()).as(uri + " with " + authorization).isEqualTo(401);
                assertThat(answer.challenge()).isEqualTo("Bearer realm=\"cutover-admin\"");
                assertThat(answer.body()).doesNotContain(TOKEN);
            }
        }
        assertThat(operations.guards.get("primary").state()).isEqualTo(BreakerState.CLOSED);
        assertThat(operations.reloads).hasValue(0);
        assertThat(operations.drains).hasValue(0);
    }

    @Test
    void forcesABreakerOpenClosedAndBackToAuto() {
        String bearer = "Bearer " + TOKEN;
        Answer open = ask(HttpMethod.POST, "/admin/breakers/primary?state=forced-open", bearer);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("{\"backend\":\"primary\",\"override\":\"forced-open\"}\n");
        assertThat(operations.guards.get("primary").state()).isEqualTo(BreakerState.FORCED_OPEN);
        assertThat(operations.guards.get("primary").isCallPermitted()).isFalse();

        assertThat(ask(HttpMethod.POST, "/admin/breakers/primary?state=forced-closed", "bearer " + TOKEN)
                        .status())
                .isEqualTo(200);
        assertThat(operations.guards.get("primary").state()).isEqualTo(BreakerState.DISABLED);
        assertThat(operations.guards.get("primary").isCallPermitted()).isTrue();

        assertThat(ask(HttpMethod.POST, "/admin/breakers/primary?state=auto", bearer)
                        .status())
                .isEqualTo(200);
        assertThat(operations.guards.get("primary").state()).isEqualTo(BreakerState.CLOSED);
        assertThat(ask(HttpMethod.POST, "/admin/breakers/primary?state=auto", bearer)
                        .status())
                .as("auto again is harmless")
                .isEqualTo(200);
        assertThat(operations.guards.get("legacy").state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void explainsABadBreakerCall() {
        String bearer = "Bearer " + TOKEN;
        Answer state = ask(HttpMethod.POST, "/admin/breakers/primary?state=open", bearer);
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.body())
                .isEqualTo("{\"error\":\"state: open (expected: forced-open, forced-closed or auto)\"}\n");
        Answer backend = ask(HttpMethod.POST, "/admin/breakers/awin?state=auto", bearer);
        assertThat(backend.status()).isEqualTo(404);
        assertThat(backend.body()).contains("primary or legacy");
        assertThat(ask(HttpMethod.GET, "/admin/breakers/primary?state=forced-open", bearer)
                        .status())
                .isEqualTo(405);
        assertThat(operations.guards.get("primary").state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void readsNeedNoTokenAndServeTheDashboard() {
        assertThat(ask(HttpMethod.GET, "/admin/state", null).body()).isEqualTo("{\"primary\":\"closed\"}\n");
        assertThat(ask(HttpMethod.GET, "/live", null).status()).isEqualTo(200);
        assertThat(ask(HttpMethod.GET, "/ready", null).status()).isEqualTo(200);
        assertThat(ask(HttpMethod.GET, "/healthz", null).status()).isEqualTo(200);
        assertThat(ask(HttpMethod.GET, "/readyz", null).status()).isEqualTo(200);
        Answer page = ask(HttpMethod.GET, "/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"banner\"").contains("fetch(\"admin/state\"");
        assertThat(page.body())
                .as("no external assets")
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void startsADrainWithTheToken() {
        Answer drain = ask(HttpMethod.POST, "/admin/drain", "Bearer " + TOKEN);
        assertThat(drain.status()).isEqualTo(202);
        assertThat(operations.drains).hasValue(1);
    }

    @Test
    void withoutAConfiguredTokenNothingChanges() {
        EmbeddedChannel channel = new EmbeddedChannel(
                new AdminRequestHandler(telemetry, Health.builder().build(), Optional.empty(), operations));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, "/admin/breakers/primary?state=forced-open");
        request.headers().set("Authorization", "Bearer anything-at-all-0000000000");
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(401);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("admin.token is not set");
        response.release();
        channel.finishAndReleaseAll();
        assertThat(operations.guards.get("primary").state()).isEqualTo(BreakerState.CLOSED);
    }
}
