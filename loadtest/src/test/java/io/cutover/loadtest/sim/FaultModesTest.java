package io.cutover.loadtest.sim;

import static io.cutover.loadtest.testing.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeaks.class)
class FaultModesTest {

    private static final String CLICK = "/cread.php?awinmid=1001&awinaffid=77";

    private final TestHttp http = new TestHttp();
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
    void refusesConnectionsWhileDown() {
        awin.fault(Fault.down());

        assertThatThrownBy(() -> RawConnection.open(awin.trackingPort())).isInstanceOf(ConnectException.class);
    }

    @Test
    void closesOpenKeepAliveConnectionsWhenGoingDown() throws Exception {
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            assertThat(connection.get(CLICK).status()).isEqualTo(302);

            awin.fault(Fault.down());

            connection.awaitClose();
        }
    }

    @Test
    void acceptsAgainOnTheSamePortAfterOk() throws Exception {
        int port = awin.trackingPort();
        awin.fault(Fault.down());

        awin.fault(Fault.ok());

        assertThat(awin.trackingPort()).isEqualTo(port);
        try (RawConnection connection = RawConnection.open(port)) {
            assertThat(connection.get(CLICK).status()).isEqualTo(302);
        }
    }

    @Test
    void leavesDownForAnotherFaultOnTheSamePort() throws Exception {
        awin.fault(Fault.down());

        awin.fault(Fault.error(500));

        assertThat(http.get(awin.trackingUri(), CLICK).statusCode()).isEqualTo(500);
    }

    @Test
    void keepsTheControlListenerUpWhileDown() throws Exception {
        awin.fault(Fault.down());

        HttpResponse<byte[]> response = http.get(awin.controlUri(), "/fault");

        assertThat(text(response)).isEqualTo("{\"mode\":\"down\"}");
    }

    @Test
    void delaysTheNormalAnswerByAtLeastMsWhileSlow() throws Exception {
        awin.fault(Fault.slow(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.get(awin.trackingUri(), CLICK);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void delaysByTwoSecondsWhenSlowHasNoMs() {
        assertThat(Fault.slow().delay()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void keepsAnswersInRequestOrderWhenAFastOneIsPipelinedBehindASlowOne() throws Exception {
        awin.fault(Fault.slow(Duration.ofMillis(300)));
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            connection.send("GET", CLICK);
            await().atMost(Duration.ofSeconds(5)).until(() -> awin.received().size() == 1);
            awin.fault(Fault.ok());
            connection.send("GET", "/sread.img?merchant=1001");

            assertThat(connection.read(false).status()).isEqualTo(302);
            assertThat(connection.read(false).status()).isEqualTo(200);
        }
    }

    @Test
    void answersTheConfiguredStatusWhileError() throws Exception {
        awin.fault(Fault.error(502));

        HttpResponse<byte[]> response = http.get(awin.trackingUri(), CLICK);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(text(response)).isEqualTo("simulated error 502\n");
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void answers503WhileErrorHasNoStatus() throws Exception {
        awin.fault(Fault.error());

        assertThat(http.get(awin.trackingUri(), CLICK).statusCode()).isEqualTo(503);
    }

    @Test
    void keepsTheConnectionOpenAfterAnError() throws Exception {
        awin.fault(Fault.error());
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            assertThat(connection.get(CLICK).status()).isEqualTo(503);
            assertThat(connection.get(CLICK).status()).isEqualTo(503);
        }
        assertThat(awin.received()).extracting(ReceivedRequest::connectionId).containsOnly(1L);
    }

    @Test
    void abortsWithResetAndNoResponseWhileReset() throws Exception {
        awin.fault(Fault.reset());
        try (RawConnection connection = RawConnection.open(awin.trackingPort())) {
            connection.send("GET", CLICK);

            assertThat(connection.awaitClose())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
        assertThat(awin.received()).singleElement().satisfies(record -> {
            assertThat(record.fault()).isEqualTo(Fault.reset());
            assertThat(record.status()).isNull();
        });
    }

    @Test
    void answersNormallyAgainAfterOk() throws Exception {
        awin.fault(Fault.error());
        awin.fault(Fault.ok());

        assertThat(http.get(awin.trackingUri(), CLICK).statusCode()).isEqualTo(302);
    }

    @Test
    void sharesFaultsWithTheLegacySimulator() throws Exception {
        try (SimulatedShareASale shareASale = new SimulatedShareASale()) {
            shareASale.start();
            shareASale.fault(Fault.down());
            assertThatThrownBy(() -> RawConnection.open(shareASale.trackingPort()))
                    .isInstanceOf(ConnectException.class);

            shareASale.fault(Fault.ok());

            assertThat(http.get(shareASale.trackingUri(), "/r.cfm?b=1&u=2&m=3").statusCode())
                    .isEqualTo(302);
        }
    }

    @Test
    void rejectsFaultChangeBeforeStart() {
        try (SimulatedAwin idle = new SimulatedAwin()) {
            assertThatThrownBy(() -> idle.fault(Fault.down()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("simulated Awin: not started");
        }
    }

    @Test
    void rejectsInvalidFaults() {
        assertThatThrownBy(() -> Fault.error(200)).hasMessage("status: 200 (expected: 400..599)");
        assertThatThrownBy(() -> Fault.slow(Duration.ofMillis(-1))).hasMessage("ms: -1 (expected: 0..600000)");
        assertThatThrownBy(() -> new Fault(FaultMode.OK, Duration.ofMillis(5), 0))
                .hasMessage("ms: 5 (expected: only with mode=slow)");
    }
}
