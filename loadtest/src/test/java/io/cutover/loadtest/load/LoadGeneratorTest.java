package io.cutover.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.SimulatedAwin;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeaks.class)
class LoadGeneratorTest {

    private static final CorpusRequest CLICK =
            new CorpusRequest("cread", "r.cfm", "/cread.php?awinmid=1001&awinaffid=77");

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

    private LoadPlan plan(LoadModel model, Duration duration, long max, ConnectionMix connections) {
        return LoadPlan.of(
                        new InetSocketAddress("127.0.0.1", awin.trackingPort()),
                        model,
                        duration,
                        max,
                        RequestMix.only(CLICK),
                        connections)
                .withSlot(Duration.ofMillis(250));
    }

    @Test
    void sendsOnScheduleForTheDurationAndAccountsForEveryRequest() throws Exception {
        LoadResult result = LoadGenerator.run(
                plan(new LoadModel.Open(400), Duration.ofMillis(1500), 100_000, ConnectionMix.keepAlive(16)),
                LoadHooks.quiet());

        // The open model's schedule does not depend on how fast the server answers.
        assertThat(result.sent()).isBetween(598L, 601L);
        assertThat(result.stop()).isEqualTo(StopReason.DURATION);
        assertThat(result.fates()).containsOnlyKeys("3xx");
        assertThat(result.fate("3xx")).isEqualTo(result.sent());
        assertThat(result.latency().getTotalCount()).isEqualTo(result.sent());
        assertThat(result.slots().stream().mapToLong(TimeSlot::ended).sum()).isEqualTo(result.sent());
        assertThat(result.slots().stream().mapToLong(TimeSlot::sent).sum()).isEqualTo(result.sent());
        assertThat(result.slots().size()).isGreaterThanOrEqualTo(6);
        assertThat(result.latencyByEndpoint()).containsOnlyKeys("r.cfm");
        assertThat(result.connectionsOpened()).isBetween(1L, 16L);
        assertThat(awin.received()).hasSize((int) result.sent());
    }

    @Test
    void stopsAtTheCountBeforeTheDuration() throws Exception {
        LoadResult result = LoadGenerator.run(
                plan(new LoadModel.Open(1000), Duration.ofSeconds(30), 50, ConnectionMix.keepAlive(4)),
                LoadHooks.quiet());

        assertThat(result.sent()).isEqualTo(50);
        assertThat(result.stop()).isEqualTo(StopReason.COUNT);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void closedModelKeepsItsConcurrencyOnKeepAliveConnections() throws Exception {
        LoadResult result = LoadGenerator.run(
                plan(new LoadModel.Closed(4), Duration.ofMillis(500), 2000, ConnectionMix.keepAlive(64)),
                LoadHooks.quiet());

        assertThat(result.sent()).isPositive();
        assertThat(result.connectionsOpened()).isEqualTo(4);
        assertThat(result.failed()).isZero();
        assertThat(result.requestsPerSecond()).isPositive();
    }

    @Test
    void sendsNewConnectionRequestsEachOnAConnectionOfItsOwn() throws Exception {
        LoadResult result = LoadGenerator.run(
                plan(new LoadModel.Open(200), Duration.ofMillis(500), 100_000, new ConnectionMix(8, 100)),
                LoadHooks.quiet());

        assertThat(result.sent()).isBetween(98L, 101L);
        assertThat(result.connectionsOpened()).isEqualTo(result.sent());
        assertThat(result.fate("3xx")).isEqualTo(result.sent());
    }

    @Test
    void timesOutSlowAnswersCountingFromWhenTheyWereDue() throws Exception {
        awin.fault(Fault.slow(Duration.ofSeconds(3)));

        LoadResult result = LoadGenerator.run(
                plan(new LoadModel.Open(40), Duration.ofMillis(500), 100_000, ConnectionMix.keepAlive(64))
                        .withTimeout(Duration.ofMillis(300)),
                LoadHooks.quiet());

        assertThat(result.sent()).isBetween(19L, 21L);
        assertThat(result.failures()).containsOnlyKeys(Failure.TIMEOUT);
        assertThat(result.fate("timeout")).isEqualTo(result.sent());
        assertThat(result.latency().getMinValue())
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos() * 99 / 100);
    }

    @Test
    void countsRefusedConnections() throws Exception {
        awin.fault(Fault.down());

        LoadResult result = LoadGenerator.run(
                plan(new LoadModel.Open(100), Duration.ofMillis(300), 100_000, ConnectionMix.keepAlive(4)),
                LoadHooks.quiet());

        assertThat(result.sent()).isPositive();
        assertThat(result.failures()).containsOnlyKeys(Failure.CONNECT);
        assertThat(result.failed()).isEqualTo(result.sent());
    }

    @Test
    void queuesBehindBusyConnectionsAndCountsTheWait() throws Exception {
        // One connection, answers slower than the schedule: later requests wait, and their wait counts.
        awin.fault(Fault.slow(Duration.ofMillis(50)));

        LoadResult result = LoadGenerator.run(
                plan(new LoadModel.Open(100), Duration.ofMillis(300), 100_000, ConnectionMix.keepAlive(1)),
                LoadHooks.quiet());

        assertThat(result.sent()).isBetween(29L, 31L);
        assertThat(result.connectionsOpened()).isEqualTo(1);
        assertThat(result.latency().getMaxValue())
                .isGreaterThan(result.serviceTime().getMaxValue() * 3);
    }

    @Test
    void tellsEveryAnswerWithItsFateAndRecordsFaultWindows() throws Exception {
        Set<String> targets = ConcurrentHashMap.newKeySet();
        AtomicLong answers = new AtomicLong();
        FateClassifier byLocation = answer -> answer.location() != null ? "redirected" : "other";
        CorpusRequest sale = new CorpusRequest("sale", "sale.cfm", "/cread.php?awinmid=1001&awinaffid=77&ref=O-{n}");
        LoadPlan plan = LoadPlan.of(
                        new InetSocketAddress("127.0.0.1", awin.trackingPort()),
                        new LoadModel.Open(200),
                        Duration.ofMillis(600),
                        100_000,
                        RequestMix.only(sale),
                        ConnectionMix.keepAlive(4))
                .withSlot(Duration.ofMillis(100));

        LoadResult result;
        try (RunningLoad run = LoadGenerator.start(
                plan, LoadHooks.quiet().withClassifier(byLocation).withListener((answer, fate) -> {
                    answers.incrementAndGet();
                    targets.add(answer.target());
                }))) {
            Thread.sleep(150);
            RunningLoad.FaultHandle outage = run.fault("primary down");
            Thread.sleep(150);
            outage.end();
            run.mark("reload");
            result = run.await();
        }

        assertThat(answers.get()).isEqualTo(result.sent());
        assertThat(targets).hasSize((int) result.sent()).noneMatch(t -> t.contains("{n}"));
        assertThat(result.fates()).containsOnlyKeys("redirected");
        assertThat(result.faults()).extracting(FaultWindow::name).containsExactly("primary down", "reload");
        FaultWindow outage = result.faults().get(0);
        assertThat(outage.end().minus(outage.start())).isBetween(Duration.ofMillis(100), Duration.ofSeconds(5));
        assertThat(result.faults().get(1).instant()).isTrue();
    }

    @Test
    void refusesTargetsOffThisMachine() {
        assertThatThrownBy(() -> LoadPlan.of(
                        new InetSocketAddress("10.1.2.3", 80),
                        new LoadModel.Open(1),
                        Duration.ofSeconds(1),
                        1,
                        RequestMix.only(CLICK),
                        ConnectionMix.keepAlive(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a loopback address");
    }

    @Test
    void parsesAMixByEndpointAndName() {
        RequestMix mix = RequestMix.parse("sale.cfm,r.cfm-deep-link=5");

        assertThat(mix.endpoints()).containsExactlyInAnyOrder("sale.cfm", "r.cfm");
        assertThat(mix.describe()).containsEntry("r.cfm-deep-link", 100);
        assertThat(RequestCorpus.standard().endpoints()).containsAll(List.of("r.cfm", "u.cfm", "m-pr.cfm", "sale.cfm"));
        assertThatThrownBy(() -> RequestMix.parse("nope"))
                .hasMessageContaining("expected: all, an endpoint or a corpus name");
    }
}
