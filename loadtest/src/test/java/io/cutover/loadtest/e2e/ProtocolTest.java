package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.RawConnection.RawResponse;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What reaches Cutover that is not a good link: each gets a 4xx with a reason, and nothing is lost. */
class ProtocolTest extends EndToEndTest {

    @Test
    void answers400NamingAMissingMerchant() throws Exception {
        HttpResponse<byte[]> response = click("b=1&u=873588&urllink=&afftrack=");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response)).isEqualTo("400 Bad Request: r.cfm: parameter m (merchant id) is missing\n");
        eventId(response);
        assertThat(sandbox.awin().received()).isEmpty();
        assertThat(sandbox.shareASale().received()).isEmpty();
    }

    @Test
    void answers400NamingANonNumericAffiliate() throws Exception {
        HttpResponse<byte[]> response = click("b=1&u=abc&m=41388");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response)).contains("parameter u: 'abc' (expected: a number)");
    }

    @Test
    void answers414ForARequestLineOverTheLimitAndCloses() throws Exception {
        try (RawConnection connection = raw()) {
            RawResponse response = connection.get("/r.cfm?" + CLICK + "&pad=" + "x".repeat(9000));

            assertThat(response.status()).isEqualTo(414);
            assertThat(response.text()).contains("request line longer than 8192 bytes");
            assertThat(connection.awaitClose()).isNull();
        }
    }

    @Test
    void answers400ForGarbageAndCloses() throws Exception {
        try (RawConnection connection = raw()) {
            connection.sendRaw("HELLO THERE\r\n\r\n");
            RawResponse response = connection.read(false);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).startsWith("400 Bad Request: malformed HTTP request");
            assertThat(connection.awaitClose()).isNull();
        }
    }

    @Test
    void answers405ToAPostAndKeepsTheConnection() throws Exception {
        try (RawConnection connection = raw()) {
            connection.send("POST", "/r.cfm?" + CLICK, "Content-Length: 0");
            RawResponse refused = connection.read(false);
            RawResponse next = connection.get("/r.cfm?" + CLICK);

            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.header("Allow")).isEqualTo("GET, HEAD");
            assertThat(next.status()).isEqualTo(302);
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (RawConnection connection = raw()) {
            connection.send("GET", "/r.cfm?b=1&u=873588&m=41388&afftrack=first");
            connection.send("GET", "/r.cfm?b=1&u=873588&urllink=&afftrack=second");
            connection.send("GET", "/r.cfm?b=1&u=3574798&m=24570&afftrack=third");

            assertThat(connection.read(false).header("Location")).startsWith("https://www.example.com/?awc=");
            assertThat(connection.read(false).status()).isEqualTo(400);
            assertThat(connection.read(false).header("Location")).startsWith("https://shop.example.org/welcome?awc=");
        }
    }

    @Test
    void answersRequestsPipelinedPastTheWaitingBoundInOrder() throws Exception {
        // More than the receiver holds before it pauses reading: the pause and the resume must
        // lose and reorder nothing.
        int count = 40;
        try (RawConnection connection = raw()) {
            for (int i = 0; i < count; i++) {
                connection.send("GET", "/r.cfm?b=1&u=873588&m=41388&afftrack=n" + i);
            }
            for (int i = 0; i < count; i++) {
                assertThat(connection.read(false).status()).as("answer " + i).isEqualTo(302);
            }
        }
        List<String> subIds = new ArrayList<>();
        for (ReceivedRequest received : sandbox.awin().received()) {
            subIds.add(received.param("clickref2"));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("n" + i);
        }
        assertThat(subIds).containsExactlyElementsOf(expected);
    }

    @Test
    void acceptsAbsoluteFormRequestTargets() throws Exception {
        try (RawConnection connection = raw()) {
            RawResponse response = connection.get("http://www.shareasale.com/r.cfm?" + CLICK);

            assertThat(response.status()).isEqualTo(302);
            assertThat(awinReceivedOne().param("awinmid")).isEqualTo("15532");
        }
    }

    @Test
    void closesAConnectionAfterARequestThatAskedForIt() throws Exception {
        try (RawConnection connection = raw()) {
            RawResponse response = connection.get("/r.cfm?" + CLICK, "Connection: close");

            assertThat(response.status()).isEqualTo(302);
            assertThat(connection.awaitClose()).isNull();
        }
    }

    @Test
    void countsRejectionsByReason() throws Exception {
        click("b=1&u=873588");

        String metrics = body(admin("/metrics"));
        assertThat(metrics).containsPattern("cutover_rejected_total\\{reason=\"unmapped_rejected\"\\} [1-9]");
        assertThat(metrics).containsPattern("cutover_events_total\\{fate=\"rejected\",kind=\"r.cfm\"\\} [1-9]");
    }
}
