package io.cutover.loadtest.sim;

import static io.cutover.loadtest.testing.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(NettyLeaks.class)
class ControlApiTest {

    private static final String CLICK = "/cread.php?awinmid=1001&awinaffid=77";

    private final TestHttp http = new TestHttp();
    private final ObjectMapper json = new ObjectMapper();
    private SimulatedAwin awin;

    @BeforeEach
    void start() {
        awin = new SimulatedAwin();
        awin.start();
    }

    @AfterEach
    void stop() {
        awin.close();
    }

    @Test
    void reportsOkBeforeAnyFault() throws Exception {
        HttpResponse<byte[]> response = control("GET", "/fault");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(text(response)).isEqualTo("{\"mode\":\"ok\"}");
    }

    @Test
    void setsErrorFaultWithStatus() throws Exception {
        HttpResponse<byte[]> response = control("POST", "/fault?mode=error&status=502");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("{\"mode\":\"error\",\"status\":502}");
        assertThat(awin.fault()).isEqualTo(Fault.error(502));
        assertThat(http.get(awin.trackingUri(), CLICK).statusCode()).isEqualTo(502);
        assertThat(text(control("GET", "/fault"))).isEqualTo("{\"mode\":\"error\",\"status\":502}");
    }

    @Test
    void setsSlowFaultWithDefaultDelay() throws Exception {
        assertThat(text(control("POST", "/fault?mode=slow"))).isEqualTo("{\"mode\":\"slow\",\"ms\":2000}");
        assertThat(awin.fault()).isEqualTo(Fault.slow(Duration.ofMillis(2000)));
    }

    @Test
    void setsSlowFaultWithGivenDelay() throws Exception {
        control("POST", "/fault?mode=slow&ms=150");

        assertThat(awin.fault()).isEqualTo(Fault.slow(Duration.ofMillis(150)));
    }

    @Test
    void takesThePortDownAndBackUp() throws Exception {
        assertThat(control("POST", "/fault?mode=down").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> RawConnection.open(awin.trackingPort())).isInstanceOf(ConnectException.class);

        assertThat(control("POST", "/fault?mode=ok").statusCode()).isEqualTo(200);

        assertThat(http.get(awin.trackingUri(), CLICK).statusCode()).isEqualTo(302);
    }

    @Test
    void setsResetFault() throws Exception {
        control("POST", "/fault?mode=reset");

        assertThat(awin.fault()).isEqualTo(Fault.reset());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "mode=slo                 | mode: 'slo' (expected: ok, down, slow, error, reset, echo)",
                "''                       | mode: missing (expected: ok, down, slow, error, reset, echo)",
                "mode=OK                  | mode: 'OK' (expected: ok, down, slow, error, reset, echo)",
                "mode=slow&ms=fast        | ms: 'fast' (expected: milliseconds, 0..600000)",
                "mode=slow&ms=-5          | ms: '-5' (expected: milliseconds, 0..600000)",
                "mode=slow&ms=600001      | ms: '600001' (expected: milliseconds, 0..600000)",
                "mode=error&status=200    | status: '200' (expected: 400..599)",
                "mode=error&status=5xx    | status: '5xx' (expected: 400..599)",
                "mode=ok&ms=5             | ms: '5' (expected: only with mode=slow)",
                "mode=slow&status=500     | status: '500' (expected: only with mode=error)",
                "mode=ok&delay=5          | delay: unknown parameter (expected: mode, ms, status)",
                "mode=ok&mode=down        | mode: given 2 times (expected: once)",
            })
    void rejectsBadFaultRequestsWithAReason(String query, String reason) throws Exception {
        HttpResponse<byte[]> response = control("POST", "/fault?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).isEqualTo(reason + "\n");
        assertThat(awin.fault()).isEqualTo(Fault.ok());
    }

    @Test
    void listsReceivedRequestsAsJson() throws Exception {
        http.get(
                awin.trackingUri(),
                CLICK + "&clickref=a+b",
                "X-Cutover-Event-Id",
                "0193a1b2-0000-7000-8000-000000000001");
        awin.fault(Fault.reset());
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            connection.send("GET", "/sread.img?merchant=1001");
            connection.awaitClose();
        }

        HttpResponse<byte[]> response = control("GET", "/received");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode records = json.readTree(response.body());
        assertThat(records.size()).isEqualTo(2);
        JsonNode click = records.get(0);
        assertThat(fieldNames(click))
                .containsExactly(
                        "sequence",
                        "arrivedAt",
                        "method",
                        "uri",
                        "path",
                        "params",
                        "eventId",
                        "headers",
                        "connectionId",
                        "fault",
                        "status");
        assertThat(click.get("sequence").asLong()).isEqualTo(1);
        assertThat(click.get("method").asText()).isEqualTo("GET");
        assertThat(click.get("uri").asText()).isEqualTo(CLICK + "&clickref=a+b");
        assertThat(click.get("path").asText()).isEqualTo("/cread.php");
        assertThat(click.get("params").toString())
                .isEqualTo("{\"awinmid\":[\"1001\"],\"awinaffid\":[\"77\"],\"clickref\":[\"a b\"]}");
        assertThat(click.get("eventId").asText()).isEqualTo("0193a1b2-0000-7000-8000-000000000001");
        assertThat(click.get("headers").get("Host").asText()).isEqualTo("127.0.0.1:" + awin.trackingPort());
        assertThat(click.get("connectionId").asLong()).isEqualTo(1);
        assertThat(click.get("fault").toString()).isEqualTo("{\"mode\":\"ok\"}");
        assertThat(click.get("status").asInt()).isEqualTo(302);
        JsonNode reset = records.get(1);
        assertThat(reset.get("fault").toString()).isEqualTo("{\"mode\":\"reset\"}");
        assertThat(reset.get("status").isNull()).isTrue();
        assertThat(reset.get("eventId").isNull()).isTrue();
    }

    @Test
    void resetClearsRecordsAndReturnsToOk() throws Exception {
        http.get(awin.trackingUri(), CLICK);
        awin.fault(Fault.error());

        HttpResponse<byte[]> response = control("POST", "/reset");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("{\"mode\":\"ok\"}");
        assertThat(awin.received()).isEmpty();
        assertThat(text(control("GET", "/received"))).isEqualTo("[]");
    }

    @Test
    void resetBringsADownPortBack() throws Exception {
        awin.fault(Fault.down());

        control("POST", "/reset");

        assertThat(http.get(awin.trackingUri(), CLICK).statusCode()).isEqualTo(302);
    }

    @Test
    void refusesWrongMethodsNamingTheAllowedOnes() throws Exception {
        HttpResponse<byte[]> reset = control("GET", "/reset");
        HttpResponse<byte[]> received = control("POST", "/received");
        HttpResponse<byte[]> fault = control("DELETE", "/fault");

        assertThat(reset.statusCode()).isEqualTo(405);
        assertThat(reset.headers().firstValue("Allow")).hasValue("POST");
        assertThat(text(reset)).isEqualTo("/reset: method GET not allowed (expected: POST)\n");
        assertThat(received.headers().firstValue("Allow")).hasValue("GET");
        assertThat(fault.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    @Test
    void answersUnknownControlPathWithNotFound() throws Exception {
        HttpResponse<byte[]> response = control("GET", "/faults");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).isEqualTo("not found: /faults (expected: /fault, /received, /stats, /reset)\n");
    }

    @Test
    void doesNotRecordControlRequests() throws Exception {
        control("GET", "/fault");
        control("GET", "/received");

        assertThat(awin.received()).isEmpty();
    }

    private HttpResponse<byte[]> control(String method, String target) throws Exception {
        return http.send(method, awin.controlUri(), target);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
