package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.ConnectException;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeaks.class)
class LifecycleTest {

    private final TestHttp http = new TestHttp();

    @Test
    void bindsLoopbackOnSystemChosenPortsByDefault() {
        try (SimulatedAwin awin = new SimulatedAwin()) {
            awin.start();

            assertThat(awin.trackingPort()).isPositive();
            assertThat(awin.controlPort()).isPositive().isNotEqualTo(awin.trackingPort());
            assertThat(awin.trackingUri()).hasToString("http://127.0.0.1:" + awin.trackingPort());
            assertThat(awin.controlUri()).hasToString("http://127.0.0.1:" + awin.controlPort());
        }
    }

    @Test
    void failsStartNamingTheTrackingPortAlreadyInUse() {
        try (SimulatedAwin first = new SimulatedAwin()) {
            first.start();
            int taken = first.trackingPort();
            SimulatedAwin second = new SimulatedAwin(
                    SimulatorOptions.builder().trackingPort(taken).build(), Map.of());

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("simulated Awin tracking listener: cannot bind 127.0.0.1:" + taken + ": port " + taken
                            + " is already in use or not available");
            second.close();
        }
    }

    @Test
    void failsStartNamingTheControlPortAlreadyInUseAndReleasesTheTrackingPort() throws Exception {
        try (SimulatedShareASale first = new SimulatedShareASale()) {
            first.start();
            int taken = first.controlPort();
            SimulatedShareASale second = new SimulatedShareASale(
                    SimulatorOptions.builder().controlPort(taken).build(), Map.of());

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("simulated ShareASale control listener")
                    .hasMessageContaining("127.0.0.1:" + taken);
            assertThatThrownBy(second::trackingPort).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void bindsTheFixedPortsItIsGiven() throws Exception {
        int trackingPort;
        int controlPort;
        try (SimulatedAwin probe = new SimulatedAwin()) {
            probe.start();
            trackingPort = probe.trackingPort();
            controlPort = probe.controlPort();
        }
        try (SimulatedAwin awin = new SimulatedAwin(
                SimulatorOptions.builder()
                        .trackingPort(trackingPort)
                        .controlPort(controlPort)
                        .build(),
                Map.of())) {
            awin.start();

            assertThat(awin.trackingPort()).isEqualTo(trackingPort);
            assertThat(awin.controlPort()).isEqualTo(controlPort);
            assertThat(http.get(awin.trackingUri(), "/cread.php?awinmid=1&awinaffid=2")
                            .statusCode())
                    .isEqualTo(302);
        }
    }

    @Test
    void releasesBothPortsOnClose() {
        SimulatedAwin awin = new SimulatedAwin();
        awin.start();
        int trackingPort = awin.trackingPort();
        int controlPort = awin.controlPort();

        awin.close();

        assertThatThrownBy(() -> RawConnection.open(trackingPort)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> RawConnection.open(controlPort)).isInstanceOf(ConnectException.class);
    }

    @Test
    void closesWhileDownWithoutComplaint() {
        SimulatedAwin awin = new SimulatedAwin();
        awin.start();
        awin.fault(Fault.down());

        awin.close();
        awin.close();
    }

    @Test
    void refusesToStartTwiceOrAfterClose() {
        SimulatedAwin awin = new SimulatedAwin();
        awin.start();
        assertThatThrownBy(awin::start).hasMessage("simulated Awin: already started");

        awin.close();

        assertThatThrownBy(awin::start).hasMessage("simulated Awin: closed");
    }

    @Test
    void keepsRecordsReadableAfterClose() throws Exception {
        SimulatedAwin awin = new SimulatedAwin();
        awin.start();
        http.get(awin.trackingUri(), "/sread.img?merchant=1");

        awin.close();

        assertThat(awin.received()).hasSize(1);
    }

    @Test
    void rejectsInvalidOptionsWithAReason() {
        assertThatThrownBy(() -> SimulatorOptions.builder().trackingPort(70_000).build())
                .hasMessage("trackingPort: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> SimulatorOptions.builder().eventLoopThreads(0).build())
                .hasMessage("eventLoopThreads: 0 (expected: >= 1)");
        assertThatThrownBy(() -> SimulatorOptions.builder()
                        .trackingPort(8081)
                        .controlPort(8081)
                        .build())
                .hasMessage("controlPort: 8081 (expected: different from trackingPort)");
    }

    @Test
    void bindsOnlyTheLoopbackAddressByDefault() throws Exception {
        assertThat(SimulatorOptions.defaults().bindAddress())
                .isEqualTo(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    }
}
