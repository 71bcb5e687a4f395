package io.cutover.loadtest.e2e;

import static io.cutover.loadtest.testing.TestHttp.location;
import static io.cutover.loadtest.testing.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.RawConnection;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.proxy.testing.NettyLeaks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cutover between the simulated Awin and ShareASale, all on real sockets on port 0, as the
 * sandbox runs them. Every suite runs twice, with one event loop and with two (zuul's single and
 * multi event loop integration tests do the same), each time on a sandbox of its own; Netty's
 * leak detector, at paranoid level, must report nothing.
 */
@ParameterizedClass(name = "on {0} event loop(s)")
@ValueSource(ints = {1, 2})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NettyLeaks.class)
abstract class EndToEndTest {

    /** The must-show click of the foundation: every r.cfm parameter, ShareASale's own deep-link recipe. */
    static final String CLICK = "b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov";

    /** How many event loops Cutover runs with. */
    @Parameter
    int eventLoops;

    protected Sandbox sandbox;
    protected final TestHttp http = new TestHttp();
    protected URI cutover;

    @BeforeParameterizedClassInvocation
    void start(int eventLoops) {
        // The suites check what the simulators and the retry queue hold after each request: a
        // replayer would move queued events to the simulators behind their backs. Replay has its
        // own suite.
        sandbox = Sandbox.start(SandboxOptions.ephemeral(eventLoops), java.util.Map.of("replay.enabled", false));
        cutover = URI.create(sandbox.url());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void resetSimulators() {
        sandbox.awin().reset();
        sandbox.shareASale().reset();
        // The breakers judge the whole run; each test starts from closed ones.
        sandbox.cutover().guard("primary").reset();
        sandbox.cutover().guard("legacy").reset();
    }

    HttpResponse<byte[]> click(String query, String... headers) throws IOException, InterruptedException {
        return http.get(cutover, "/r.cfm?" + query, headers);
    }

    HttpResponse<byte[]> get(String target, String... headers) throws IOException, InterruptedException {
        return http.get(cutover, target, headers);
    }

    HttpResponse<byte[]> admin(String path) throws IOException, InterruptedException {
        return http.get(URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort()), path);
    }

    /** The one request the simulated Awin received (fails if it received another number). */
    ReceivedRequest awinReceivedOne() {
        List<ReceivedRequest> received = sandbox.awin().received();
        assertThat(received).as("requests the simulated Awin received").hasSize(1);
        return received.get(0);
    }

    ReceivedRequest shareASaleReceivedOne() {
        List<ReceivedRequest> received = sandbox.shareASale().received();
        assertThat(received).as("requests the simulated ShareASale received").hasSize(1);
        return received.get(0);
    }

    static String eventId(HttpResponse<byte[]> response) {
        String id = response.headers().firstValue("X-Cutover-Event-Id").orElseThrow();
        assertThat(UUID.fromString(id).version())
                .as("event id %s is a UUIDv7", id)
                .isEqualTo(7);
        return id;
    }

    void awinDown() {
        sandbox.awin().fault(Fault.down());
    }

    void awinSlowerThanTheDeadline() {
        sandbox.awin().fault(Fault.slow(Duration.ofSeconds(10)));
    }

    void shareASaleDown() {
        sandbox.shareASale().fault(Fault.down());
    }

    RawConnection raw() throws IOException {
        return RawConnection.open(sandbox.cutover().port());
    }

    static String body(HttpResponse<byte[]> response) {
        return text(response);
    }

    static String landing(HttpResponse<byte[]> response) {
        return location(response);
    }
}
