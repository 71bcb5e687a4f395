package io.cutover.loadtest.e2e;

import static io.cutover.loadtest.testing.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.queue.QueuedEvent;
import io.cutover.failover.replay.DeadLetterAttributes;
import io.cutover.loadtest.ledger.FateRecord;
import io.cutover.loadtest.ledger.LossLedger;
import io.cutover.loadtest.ledger.QueueContents;
import io.cutover.loadtest.ledger.Reconciliation;
import io.cutover.loadtest.sandbox.Sandbox;
import io.cutover.loadtest.sandbox.SandboxOptions;
import io.cutover.loadtest.sim.EventStats;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.ReceivedRequest;
import io.cutover.loadtest.testing.TestHttp;
import io.cutover.ops.metrics.Telemetry;
import io.cutover.proxy.replay.ReplayService;
import io.cutover.proxy.server.Transport;
import io.cutover.proxy.testing.NettyLeaks;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Replay end to end: the sandbox's ElasticMQ, Cutover's replayer and the simulated platforms, on
 * real sockets. Every scenario ends with the loss ledger: sent = fates = counted + queued + dead.
 */
@ExtendWith(NettyLeaks.class)
class ReplayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CLICK = EndToEndTest.CLICK;
    private static final long RECEIVED_AT =
            Instant.parse("2026-12-01T08:00:00.250Z").toEpochMilli();

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private StandInRetryQueue retryQueue;
    private final TestHttp http = new TestHttp();
    private final Sent ledger = new Sent();

    /** What the test sent; each reconciliation starts a fresh ledger from it. */
    private static final class Sent {
        final Map<String, QueuedEvent.Kind> events = new java.util.LinkedHashMap<>();

        Sent sent(String eventId, QueuedEvent.Kind kind) {
            events.put(eventId, kind);
            return this;
        }
    }

    private void start(Map<String, Object> overrides) {
        sandbox = Sandbox.start(
                SandboxOptions.ephemeral(1).withAccessLog(accessLog().toString()), overrides);
        retryQueue = new StandInRetryQueue(sandbox);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Path accessLog() {
        return dir.resolve("access.log");
    }

    @Test
    void replaysClicksAsTheTranslatedClickAndConversionsInServerToServerFormWithTheirIdentity() throws Exception {
        start(Map.of());
        retryQueue.send(new QueuedEvent(
                "ev-click",
                "r.cfm",
                QueuedEvent.Kind.CLICK,
                QueuedEvent.Target.PRIMARY,
                "/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov&ued=https%3A%2F%2Fwww.example.com%2Fpage",
                Map.of("User-Agent", "Mozilla/5.0 (replay test)"),
                RECEIVED_AT,
                "primary:connect,legacy:connect"));
        retryQueue.send(new QueuedEvent(
                "ev-sale",
                "sale.cfm",
                QueuedEvent.Kind.CONVERSION,
                QueuedEvent.Target.PRIMARY,
                "/sread.img?tt=ns&tv=2&merchant=15532&amount=25.00&ch=aw&parts=DEFAULT%3A25.00&ref=A1&cr=USD",
                Map.of(),
                RECEIVED_AT,
                "primary:read_timeout"));
        ledger.sent("ev-click", QueuedEvent.Kind.CLICK).sent("ev-sale", QueuedEvent.Kind.CONVERSION);

        await().atMost(PATIENCE).until(() -> sandbox.awin().stats().events() == 2);

        List<ReceivedRequest> received = sandbox.awin().received();
        ReceivedRequest click = only(received, "ev-click");
        assertThat(click.uri())
                .isEqualTo("/cread.php?awinmid=15532&awinaffid=402911&clickref2=nov"
                        + "&ued=https%3A%2F%2Fwww.example.com%2Fpage");
        assertThat(click.status()).isEqualTo(302);
        assertThat(click.header("User-Agent")).isEqualTo("Mozilla/5.0 (replay test)");
        ReceivedRequest sale = only(received, "ev-sale");
        assertThat(sale.uri())
                .isEqualTo(
                        "/sread.php?tt=ss&tv=2&merchant=15532&amount=25.00&ch=aw&parts=DEFAULT%3A25.00&ref=A1&cr=USD");
        assertThat(sale.status()).isEqualTo(200);
        for (ReceivedRequest replay : List.of(click, sale)) {
            assertThat(replay.header(ReceivedRequest.REPLAY_HEADER)).isEqualTo("1");
            assertThat(replay.header(ReceivedRequest.RECEIVED_AT_HEADER)).isEqualTo("2026-12-01T08:00:00.250Z");
        }
        assertThat(sandbox.shareASale().received()).isEmpty();

        await().atMost(PATIENCE)
                .until(() -> fates().stream()
                                .filter(f -> f.fate().equals("replayed"))
                                .count()
                        == 2);
        assertThat(metrics()).contains("cutover_replay_events_total{backend=\"primary\",fate=\"replayed\"} 2");
        assertBalances(reconcile());
    }

    @Test
    void bothPlatformsDownThenBackLosesNothingAndCountsEveryEventOnce() throws Exception {
        start(Map.of("replay.max-receives", 50));
        sandbox.awin().fault(Fault.down());
        sandbox.shareASale().fault(Fault.down());

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String query = CLICK + "-" + i;
            HttpResponse<byte[]> response = http.get(URI.create(sandbox.url()), "/r.cfm?" + query);
            assertThat(response.statusCode()).as("answered locally").isEqualTo(302);
            String id = response.headers()
                    .firstValue(ReceivedRequest.EVENT_ID_HEADER)
                    .orElseThrow();
            ids.add(id);
            ledger.sent(id, QueuedEvent.Kind.CLICK);
        }
        // Down for a while: replays fail, back off, and stay queued.
        Thread.sleep(1500);
        assertThat(sandbox.awin().stats().events()).isZero();

        sandbox.shareASale().fault(Fault.ok());
        sandbox.awin().fault(Fault.ok());

        await().atMost(PATIENCE).until(() -> sandbox.awin().countedEvents().containsAll(ids));
        await().atMost(PATIENCE)
                .until(() -> fates().stream()
                                .filter(f -> f.fate().equals("replayed"))
                                .count()
                        == 20);
        Reconciliation result = reconcile();
        assertBalances(result);
        assertThat(result.counted()).isEqualTo(20);
        assertThat(sandbox.awin().stats())
                .extracting(EventStats::events, EventStats::duplicates)
                .containsExactly(20L, 0L);
        assertThat(sandbox.shareASale().stats().events())
                .as("nothing counted on legacy as well")
                .isZero();
    }

    @Test
    void replaysAnEventThatCouldNotBeTranslatedToLegacyUnchanged() throws Exception {
        start(Map.of());
        String legacyLink = "/r.cfm?b=1&u=111111&m=24570&urllink=&afftrack=";
        retryQueue.send(new QueuedEvent(
                "ev-unmapped",
                "r.cfm",
                QueuedEvent.Kind.CLICK,
                QueuedEvent.Target.LEGACY,
                legacyLink,
                Map.of(),
                RECEIVED_AT,
                "legacy:connect"));
        ledger.sent("ev-unmapped", QueuedEvent.Kind.CLICK);

        await().atMost(PATIENCE)
                .until(() -> sandbox.shareASale().countedEvents().contains("ev-unmapped"));

        ReceivedRequest replay = only(sandbox.shareASale().received(), "ev-unmapped");
        assertThat(replay.uri()).isEqualTo(legacyLink);
        assertThat(replay.header(ReceivedRequest.REPLAY_HEADER)).isEqualTo("1");
        assertThat(sandbox.awin().received()).isEmpty();
        await().atMost(PATIENCE).until(() -> fates().contains(new FateRecord("ev-unmapped", "replayed")));
        assertBalances(reconcile());
    }

    @Test
    void waitsWhileThePrimarysBreakerIsOpenAndReplaysOnceItLetsCallsThrough() throws Exception {
        start(Map.of(
                "backends.primary.breaker.minimum-calls", 2,
                "backends.primary.breaker.window-size", 2,
                "backends.primary.breaker.open-for", "8s"));
        sandbox.awin().fault(Fault.down());
        for (int i = 0; i < 10 && sandbox.cutover().guard("primary").state() != BreakerState.OPEN; i++) {
            http.get(URI.create(sandbox.url()), "/r.cfm?" + CLICK);
        }
        assertThat(sandbox.cutover().guard("primary").state()).isEqualTo(BreakerState.OPEN);
        sandbox.awin().fault(Fault.ok());
        String id = UUID.randomUUID().toString();
        retryQueue.send(queuedConversion(id, "3.00", "G1"));

        Thread.sleep(1500);
        assertThat(sandbox.cutover().guard("primary").state()).isEqualTo(BreakerState.OPEN);
        assertThat(sandbox.awin().received())
                .as("nothing sent while the breaker is open")
                .isEmpty();

        await().atMost(PATIENCE).until(() -> sandbox.awin().countedEvents().contains(id));
        assertThat(only(sandbox.awin().received(), id).header(ReceivedRequest.REPLAY_HEADER))
                .isEqualTo("1");
    }

    @Test
    void aPrimaryReadTimeoutIsReplayedAndAwinCountsItOnce() throws Exception {
        // The breaker stays closed here: this is about the read timeout's replay, not the gate.
        start(Map.of("backends.primary.breaker.window-size", 100, "backends.primary.breaker.minimum-calls", 100));
        sandbox.awin().fault(Fault.slow(Duration.ofSeconds(1)));

        List<String> ids = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String query = CLICK + "-t" + i;
            HttpResponse<byte[]> response = http.get(URI.create(sandbox.url()), "/r.cfm?" + query);
            assertThat(response.statusCode()).isEqualTo(302);
            ids.add(response.headers()
                    .firstValue(ReceivedRequest.EVENT_ID_HEADER)
                    .orElseThrow());
            queries.add(query);
        }
        // The slow Awin got, and counted, every click; Cutover gave up waiting and answered.
        assertThat(sandbox.awin().countedEvents()).containsAll(ids);
        sandbox.awin().fault(Fault.ok());
        for (int i = 0; i < ids.size(); i++) {
            ledger.sent(ids.get(i), QueuedEvent.Kind.CLICK);
        }

        // At least one duplicate per click: a replay sent while Awin was still slow timed out, was
        // counted there as well, and is sent again; each is still one event.
        await().atMost(PATIENCE).until(() -> sandbox.awin().stats().duplicates() >= 10);
        await().atMost(PATIENCE)
                .until(() -> fates().stream()
                                .filter(f -> f.fate().equals("replayed"))
                                .count()
                        == 10);
        // A replay that itself timed out is sent again: one more duplicate, still one event.
        assertThat(sandbox.awin().stats().events()).isEqualTo(10);
        assertThat(sandbox.awin().stats().duplicates()).isGreaterThanOrEqualTo(10);
        assertThat(sandbox.awin().stats().replays()).isGreaterThanOrEqualTo(10);
        assertThat(sandbox.shareASale().received())
                .as("never sent to legacy as well")
                .isEmpty();
        Reconciliation result = reconcile();
        assertBalances(result);
        assertThat(result.duplicatesDropped()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void anEventWhosePlatformIsDownLongerThanMaxReceivesWaitsAndIsReplayedOnce() throws Exception {
        // The sandbox's own max-receives, and no live traffic to open the primary's breaker: only
        // the replayer meets the outage, through the real origin client's refused connects.
        start(Map.of());
        sandbox.awin().fault(Fault.down());
        String id = UUID.randomUUID().toString();
        retryQueue.send(queuedConversion(id, "12.50", "W1"));
        ledger.sent(id, QueuedEvent.Kind.CONVERSION);

        int twiceMaxReceives = 2 * Sandbox.SANDBOX_MAX_RECEIVES;
        await().atMost(PATIENCE).until(() -> connectFailures() >= twiceMaxReceives);
        assertThat(fates()).doesNotContain(new FateRecord(id, "dead"));
        assertThat(peekDeadLetters()).isEmpty();

        sandbox.awin().fault(Fault.ok());
        await().atMost(PATIENCE).until(() -> fates().contains(new FateRecord(id, "replayed")));
        assertThat(sandbox.awin().stats())
                .extracting(EventStats::events, EventStats::duplicates)
                .containsExactly(1L, 0L);
        assertBalances(reconcile());
    }

    /** A conversion Cutover queued after the primary refused it, as the replayer will receive it. */
    private static QueuedEvent queuedConversion(String id, String amount, String ref) {
        return new QueuedEvent(
                id,
                "sale.cfm",
                QueuedEvent.Kind.CONVERSION,
                QueuedEvent.Target.PRIMARY,
                "/sread.img?tt=ns&tv=2&merchant=15532&amount=" + amount + "&ref=" + ref + "&cr=USD",
                Map.of(),
                RECEIVED_AT,
                "primary:connect");
    }

    private long connectFailures() throws Exception {
        String line = "cutover_replay_failures_total{backend=\"primary\",outcome=\"connect\"} ";
        return metrics()
                .lines()
                .filter(l -> l.startsWith(line))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(line.length())))
                .sum();
    }

    @Test
    void aMessageThatKeepsFailingIsDeadWithItsLastErrorAndRedriveBringsItBack() throws Exception {
        start(Map.of("replay.max-receives", 2));
        sandbox.awin().fault(Fault.error(503));
        String id = UUID.randomUUID().toString();
        retryQueue.send(queuedConversion(id, "9.99", "B7"));
        ledger.sent(id, QueuedEvent.Kind.CONVERSION);

        await().atMost(PATIENCE).until(() -> fates().contains(new FateRecord(id, "dead")));
        List<Message> letters = peekDeadLetters();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0)
                        .messageAttributes()
                        .get(DeadLetterAttributes.LAST_ERROR)
                        .stringValue())
                .isEqualTo("primary: bad_status 503 (status 503)");
        assertThat(sandbox.awin().stats().events()).isZero();
        assertBalances(reconcile());

        sandbox.awin().fault(Fault.ok());
        HttpResponse<byte[]> redrive = http.send(
                "POST",
                URI.create(sandbox.adminUrl()),
                "/admin/redrive",
                "Authorization",
                "Bearer " + sandbox.adminToken());

        assertThat(redrive.statusCode()).isEqualTo(200);
        assertThat(text(redrive)).isEqualTo("{\"moved\":1,\"failed\":0,\"remaining\":0}\n");
        await().atMost(PATIENCE).until(() -> sandbox.awin().countedEvents().contains(id));
        assertThat(only(
                                sandbox.awin().received().stream()
                                        .filter(r -> r.status() == 200)
                                        .toList(),
                                id)
                        .path())
                .isEqualTo("/sread.php");
        await().atMost(PATIENCE).until(() -> fates().contains(new FateRecord(id, "replayed")));
        assertThat(metrics())
                .contains("cutover_replay_events_total{backend=\"primary\",fate=\"dead\"} 1")
                .contains("cutover_replay_redriven_total 1");
        assertBalances(reconcile());
    }

    @Test
    void theSameEventReplayedTwiceAfterALostDeleteIsCountedOnce() throws Exception {
        start(Map.of());
        String id = UUID.randomUUID().toString();
        QueuedEvent sale = new QueuedEvent(
                id,
                "sale.cfm",
                QueuedEvent.Kind.CONVERSION,
                QueuedEvent.Target.PRIMARY,
                "/sread.img?tt=ns&tv=2&merchant=15532&amount=1.00&ref=C3&cr=USD",
                Map.of(),
                RECEIVED_AT,
                "primary:reset");
        retryQueue.send(sale);
        ledger.sent(id, QueuedEvent.Kind.CONVERSION);
        await().atMost(PATIENCE).until(() -> sandbox.awin().countedEvents().contains(id));

        // This instance stops; its delete is taken as lost, so the message is there again, and
        // another instance, which never saw the event, replays it.
        sandbox.cutover().replay().orElseThrow().close();
        retryQueue.again(sale);
        try (Telemetry telemetry = Telemetry.create("second-instance");
                ReplayService second = ReplayService.start(
                        sandbox.cutover().config(),
                        Transport.select(sandbox.cutover().config().server().transport()),
                        telemetry,
                        null,
                        Clock.systemUTC(),
                        System::nanoTime,
                        () -> true,
                        () -> true)) {
            await().atMost(PATIENCE).until(() -> sandbox.awin().received().size() == 2);
            await().atMost(PATIENCE)
                    .until(() -> QueueContents.eventIds(
                                    sandbox.sqs().client(), sandbox.sqs().queueUrl())
                            .isEmpty());
            assertThat(second.inFlight()).isZero();
        }

        assertThat(sandbox.awin().stats())
                .extracting(EventStats::events, EventStats::duplicates)
                .containsExactly(1L, 1L);
        assertThat(sandbox.awin().received())
                .extracting(ReceivedRequest::eventId)
                .containsExactly(id, id);
        Reconciliation result = reconcile();
        assertBalances(result);
        assertThat(result.duplicatesDropped()).isEqualTo(1);
    }

    @Test
    void theRedriveCommandSendsDeadLettersBackAndTheAdminEndpointRefusesWhatItCannotDo() throws Exception {
        start(Map.of());
        String id = UUID.randomUUID().toString();
        sandbox.sqs()
                .client()
                .sendMessage(r -> r.queueUrl(sandbox.sqs().deadLetterUrl())
                        .messageBody(io.cutover.failover.queue.QueuedEventCodec.encode(new QueuedEvent(
                                id,
                                "r.cfm",
                                QueuedEvent.Kind.CLICK,
                                QueuedEvent.Target.PRIMARY,
                                "/cread.php?awinmid=15532&awinaffid=402911",
                                Map.of(),
                                RECEIVED_AT,
                                "primary:connect"))))
                .join();
        Path config = dir.resolve("cutover.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "backends:",
                        "  primary:",
                        "    url: " + sandbox.awin().trackingUri(),
                        "directory:",
                        "  file: sample",
                        "queue:",
                        "  url: " + sandbox.sqs().queueUrl(),
                        "  endpoint: " + sandbox.sqs().endpoint(),
                        // ElasticMQ checks no signature: no AWS credentials on this machine.
                        "  credentials: anonymous",
                        "replay:",
                        "  dead-letter-queue-url: " + sandbox.sqs().deadLetterUrl(),
                        ""));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int status = new io.cutover.proxy.cli.RedriveCommand()
                .run(
                        List.of("--config", config.toString()),
                        new java.io.PrintStream(out, true),
                        new java.io.PrintStream(err, true));

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("{\"moved\":1,\"failed\":0,\"remaining\":0}" + System.lineSeparator());
        await().atMost(PATIENCE).until(() -> sandbox.awin().countedEvents().contains(id));

        URI admin = URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort());
        HttpResponse<byte[]> get = http.get(admin, "/admin/redrive");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<byte[]> badMax =
                http.send("POST", admin, "/admin/redrive?max=0", "Authorization", "Bearer " + sandbox.adminToken());
        assertThat(badMax.statusCode()).isEqualTo(400);
        assertThat(text(badMax)).isEqualTo("{\"error\":\"max: 0 (expected: an integer from 1 to 1000000)\"}\n");
    }

    private Reconciliation reconcile() {
        List<FateRecord> fates = new ArrayList<>(fates());
        fates.addAll(retryQueue.fates());
        LossLedger fresh = new LossLedger();
        ledger.events.forEach(fresh::sent);
        return fresh.platform("awin", sandbox.awin().received())
                .platform("shareasale", sandbox.shareASale().received())
                .queued(QueueContents.eventIds(
                        sandbox.sqs().client(), sandbox.sqs().queueUrl()))
                .deadLetters(QueueContents.eventIds(
                        sandbox.sqs().client(), sandbox.sqs().deadLetterUrl()))
                .fates(fates)
                .reconcile();
    }

    private static void assertBalances(Reconciliation result) {
        assertThat(result.balances()).as(result.summary()).isTrue();
    }

    /**
     * The fates in the access log. Cutover in this version logs a local answer as {@code local};
     * the stand-in queue records the {@code queued} fate that replaces it.
     */
    private List<FateRecord> fates() {
        if (!Files.exists(accessLog())) {
            return List.of();
        }
        return FateRecord.readAccessLog(accessLog()).stream()
                .filter(f -> !f.fate().equals("local"))
                .toList();
    }

    private String metrics() throws Exception {
        return text(http.get(URI.create("http://127.0.0.1:" + sandbox.cutover().adminPort()), "/metrics"));
    }

    private List<Message> peekDeadLetters() {
        List<Message> out = sandbox.sqs()
                .client()
                .receiveMessage(r -> r.queueUrl(sandbox.sqs().deadLetterUrl())
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0)
                        .messageAttributeNames("All"))
                .join()
                .messages();
        return out;
    }

    private static ReceivedRequest only(List<ReceivedRequest> received, String eventId) {
        List<ReceivedRequest> matching =
                received.stream().filter(r -> eventId.equals(r.eventId())).toList();
        assertThat(matching).as("requests with event ID " + eventId).hasSize(1);
        return matching.get(0);
    }
}
