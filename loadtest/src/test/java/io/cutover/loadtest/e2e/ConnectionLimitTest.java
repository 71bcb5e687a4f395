package io.cutover.loadtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.RawConnection.RawResponse;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection bound per event loop: when it is reached, the attempt fails before anything is
 * sent, so the click may go to legacy; it never queues behind a slow primary.
 */
@ExtendWith(NettyLeaks.class)
class ConnectionLimitTest {

    @Test
    void sendsAClickToLegacyWhenThePrimaryConnectionsAreAllBusy() throws Exception {
        try (Sandbox sandbox = Sandbox.start(
                SandboxOptions.ephemeral(1),
                Map.of(
                        "replay.enabled",
                        false,
                        "backends.primary.max-connections",
                        1,
                        "backends.primary.response-timeout",
                        "400ms",
                        "deadlines.click",
                        "600ms"))) {
            sandbox.awin().fault(Fault.slow(Duration.ofSeconds(2)));
            try (RawConnection first = RawConnection.open(sandbox.cutover().port());
                    RawConnection second = RawConnection.open(sandbox.cutover().port())) {
                first.send("GET", "/r.cfm?" + EndToEndTest.CLICK + "&cons=1");
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> sandbox.awin().received().size() == 1);
                second.send("GET", "/r.cfm?" + EndToEndTest.CLICK + "&cons=2");

                RawResponse overflow = second.read(false);
                RawResponse timedOut = first.read(false);

                // The second click found the only primary connection busy: never sent there, so legacy.
                assertThat(overflow.header("Location")).contains("sscid=");
                assertThat(sandbox.shareASale().received())
                        .singleElement()
                        .satisfies(r -> assertThat(r.eventId()).isEqualTo(overflow.header("X-Cutover-Event-Id")));
                // The first timed out at the primary, which may have counted it: answered locally.
                assertThat(timedOut.header("Location")).isEqualTo("https://www.example.com/page?id=6");
                assertThat(sandbox.awin().received())
                        .extracting(ReceivedRequest::eventId)
                        .containsExactly(timedOut.header("X-Cutover-Event-Id"));
            }
            String metrics = TestHttp.text(new TestHttp()
                    .get(URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort()), "/metrics"));
            assertThat(metrics)
                    .containsPattern(
                            "cutover_backend_attempts_total\\{backend=\"primary\",outcome=\"connection_limit\"\\} 1");
        }
    }
}
