package io.cutover.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.ops.admin.AdminToken;
import io.cutover.ops.health.Health;
import io.cutover.ops.metrics.Telemetry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedriveEndpointTest {

    private final Telemetry telemetry = Telemetry.create("test");

    @AfterEach
    void close() {
        telemetry.close();
    }

    private FullHttpResponse ask(HttpMethod method, String uri) {
        EmbeddedChannel channel = new EmbeddedChannel(new AdminRequestHandler(
                telemetry,
                Health.builder().build(),
                Optional.of(AdminToken.of(AdminRequestHandlerTest.TOKEN)),
                new AdminRequestHandlerTest.Operations()));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        request.headers().set("Authorization", "Bearer " + AdminRequestHandlerTest.TOKEN);
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        channel.finishAndReleaseAll();
        return response;
    }

    @Test
    void answers503WhenReplayIsNotEnabled() {
        FullHttpResponse response = ask(HttpMethod.POST, "/admin/redrive");
        try {
            assertThat(response.status().code()).isEqualTo(503);
            assertThat(response.content().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"error\":\"replay is not enabled (replay.enabled)\"}\n");
        } finally {
            response.release();
        }
    }

    @Test
    void answers405ForAnythingButPost() {
        FullHttpResponse response = ask(HttpMethod.GET, "/admin/redrive?max=5");
        try {
            assertThat(response.status().code()).isEqualTo(405);
            assertThat(response.headers().get("Allow")).isEqualTo("POST");
        } finally {
            response.release();
        }
    }

    @Test
    void readsTheBoundFromTheQuery() {
        assertThat(RedriveEndpoint.max("/admin/redrive")).isEqualTo(RedriveEndpoint.DEFAULT_MAX);
        assertThat(RedriveEndpoint.max("/admin/redrive?max=25")).isEqualTo(25);
        assertThatThrownBy(() -> RedriveEndpoint.max("/admin/redrive?max=lots"))
                .hasMessage("max: lots (expected: an integer from 1 to 1000000)");
    }
}
