package io.cutover.proxy.guard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.cutover.failover.guard.BreakerState;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The guarded chain end to end, with WireMock servers on port 0 as the primary and legacy and
 * faults injected into the primary: each ends in its failure class and the right fate, the
 * breaker opens on its configured failures and closes on its probes (time from the test's clock).
 */
@ExtendWith(NettyLeaks.class)
class GuardedFailoverTest {

    private static final String LANDED = "https://www.example.com/page?id=6";

    private GuardedCutover it;

    @BeforeEach
    void start() {
        it = new GuardedCutover(Map.of());
        it.legacy.stubFor(
                any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", LANDED + "&via=legacy")));
    }

    @AfterEach
    void stop() {
        it.close();
    }

    private void primaryAnswers() {
        it.primary.stubFor(
                any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", LANDED + "&via=primary")));
    }

    @Test
    void opensTheBreakerAfterTheConfiguredFailuresAndClosesItAfterSuccessfulProbes() throws Exception {
        it.primary.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = it.click();
            assertThat(response.headers().firstValue("Location"))
                    .as("a 5xx burst lands through legacy")
                    .contains(LANDED + "&via=legacy");
        }
        assertThat(it.cutover.guard("primary").state()).isEqualTo(BreakerState.OPEN);
        assertThat(it.cutover.guard("primary").isCallPermitted()).isFalse();

        HttpResponse<String> whileOpen = it.click();
        assertThat(whileOpen.headers().firstValue("Location")).contains(LANDED + "&via=legacy");
        assertThat(GuardedCutover.received(it.primary))
                .as("an open breaker sends nothing")
                .isEqualTo(4);
        assertThat(it.attempts("primary", "breaker_open")).isEqualTo(1);
        assertThat(it.events("legacy")).isEqualTo(5);

        primaryAnswers();
        it.clock.advance(Duration.ofSeconds(10));
        assertThat(it.cutover.guard("primary").isCallPermitted()).isFalse();
        it.clock.advance(Duration.ofMillis(1));
        assertThat(it.cutover.guard("primary").isCallPermitted()).isTrue();
        assertThat(it.click().headers().firstValue("Location")).contains(LANDED + "&via=primary");
        assertThat(it.cutover.guard("primary").state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(it.click().headers().firstValue("Location")).contains(LANDED + "&via=primary");

        assertThat(it.cutover.guard("primary").state()).isEqualTo(BreakerState.CLOSED);
        assertThat(it.metric("cutover_breaker_transitions_total", "backend=\"primary\",from=\"closed\",to=\"open\""))
                .isEqualTo(1);
        assertThat(it.metric(
                        "cutover_breaker_transitions_total", "backend=\"primary\",from=\"half_open\",to=\"closed\""))
                .isEqualTo(1);
        assertThat(it.metric("cutover_breaker_state", "backend=\"primary\",state=\"closed\""))
                .isEqualTo(1);
    }

    @Test
    void landsThroughLegacyWhileThePrimaryIsDownAndStopsTryingItOnceTheBreakerOpens() throws Exception {
        it.primary.stop();

        for (int i = 0; i < 6; i++) {
            assertThat(it.click().headers().firstValue("Location")).contains(LANDED + "&via=legacy");
        }

        // Two clicks, each retried once after a refused connect, make the four failures that open
        // the breaker; the other four never touch the primary.
        assertThat(it.attempts("primary", "connect")).isEqualTo(4);
        assertThat(it.metric("cutover_retries_total", "backend=\"primary\",result=\"retried\""))
                .isEqualTo(2);
        assertThat(it.attempts("primary", "breaker_open")).isEqualTo(4);
        assertThat(it.events("legacy")).isEqualTo(6);
    }

    @Test
    void answersInTimeAndNeverAlsoSendsToLegacyWhenThePrimaryIsSlowerThanTheDeadline() throws Exception {
        it.primary.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", LANDED)
                        .withFixedDelay(2000)));
        long start = System.nanoTime();

        HttpResponse<String> response = it.click();

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains(LANDED);
        assertThat(millis).as("answered without waiting for the 2 s primary").isLessThan(1500);
        assertThat(it.attempts("primary", "read_timeout")).isEqualTo(1);
        assertThat(it.events("local")).isEqualTo(1);
        assertThat(GuardedCutover.received(it.legacy))
                .as("legacy would count it twice")
                .isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @CsvSource({
        "CONNECTION_RESET_BY_PEER, reset, local",
        "EMPTY_RESPONSE, reset, local",
        "MALFORMED_RESPONSE_CHUNK, bad_response, local",
        "RANDOM_DATA_THEN_CLOSE, bad_response, local",
    })
    void endsEachFaultInItsFailureClassAndFate(Fault fault, String outcome, String fate) throws Exception {
        it.primary.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));

        HttpResponse<String> response = it.click();

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(it.attempts("primary", outcome)).isEqualTo(1);
        assertThat(it.events(fate)).isEqualTo(1);
        assertThat(GuardedCutover.received(it.legacy))
                .as("the primary got the request and may have counted it")
                .isZero();
    }

    @Test
    void aDelayedButTimelyAnswerIsThePrimarysAndASlowOneCountsAsSlow() throws Exception {
        it.close();
        it = new GuardedCutover(Map.of("backends.primary.breaker.slow-call-duration", "50ms"));
        it.primary.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", LANDED + "&via=primary")
                        .withFixedDelay(100)));

        for (int i = 0; i < 4; i++) {
            assertThat(it.click().headers().firstValue("Location")).contains(LANDED + "&via=primary");
        }

        assertThat(it.events("primary")).isEqualTo(4);
        assertThat(it.cutover.guard("primary").state())
                .as("every call slower than 50 ms: the slow-call rate opens it")
                .isEqualTo(BreakerState.OPEN);
    }
}
