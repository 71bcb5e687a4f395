package io.cutover.loadtest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traces leave over OTLP/HTTP when an endpoint is configured: a collector stand-in on port 0
 * receives the protobuf export of a click that failed over from Awin to ShareASale, with the
 * event ID, the request's span and one span per backend attempt.
 */
@ExtendWith(NettyLeaks.class)
class TracesOverOtlpTest {

    private static final String CLICK =
            "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    @Test
    void exportsTheRequestAndEachAttemptWithTheEventId() throws Exception {
        List<byte[]> exports = new CopyOnWriteArrayList<>();
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                exports.add(readAll(in));
            }
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (Sandbox sandbox = Sandbox.start(
                SandboxOptions.ephemeral(1),
                Map.of(
                        "replay.enabled",
                        false,
                        "tracing.otlp-endpoint",
                        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"))) {
            sandbox.awin().fault(Fault.error(503));
            HttpResponse<byte[]> response = new TestHttp().get(URI.create(sandbox.url()), CLICK);
            String eventId = response.headers().firstValue("X-Cutover-Event-Id").orElseThrow();
            assertThat(response.statusCode()).isEqualTo(302);

            // The batch processor exports every few seconds; closing the sandbox flushes it too.
            await().atMost(Duration.ofSeconds(15)).until(() -> joined(exports).contains(eventId));
            String exported = joined(exports);
            assertThat(exported)
                    .contains("GET r.cfm")
                    .contains("attempt primary")
                    .contains("attempt legacy")
                    .contains("cutover.event_id")
                    .contains("cutover.route")
                    .contains("bad_status")
                    .contains("cutover");
            assertThat(contentTypes).allSatisfy(type -> assertThat(type).isEqualTo("application/x-protobuf"));
        } finally {
            collector.stop(0);
        }
    }

    private static String joined(List<byte[]> exports) {
        StringBuilder all = new StringBuilder();
        for (byte[] export : exports) {
            // Protobuf keeps strings as UTF-8 bytes: names and attribute values read as they are.
            all.append(new String(export, StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
