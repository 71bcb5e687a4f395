package io.cutover.loadtest.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.failover.queue.QueuedEvent;
import io.cutover.loadtest.sim.Fault;
import io.cutover.loadtest.sim.ReceivedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossLedgerTest {

    private static final QueuedEvent.Kind CLICK = QueuedEvent.Kind.CLICK;
    private static final QueuedEvent.Kind SALE = QueuedEvent.Kind.CONVERSION;

    private static ReceivedRequest seen(String eventId, String path, Integer status) {
        return new ReceivedRequest(
                1, 0, "GET", path + "?x=1", path, Map.of(), eventId, Map.of(), 1, Fault.ok(), status);
    }

    private static LossLedger ledger() {
        return new LossLedger()
                .sent("a", CLICK)
                .sent("b", CLICK)
                .sent("c", SALE)
                .sent("d", SALE);
    }

    @Test
    void balancesWhenEveryEventIsCountedQueuedOrDeadAndRecordedOnce() {
        Reconciliation result = ledger().platform(
                        "awin",
                        List.of(
                                seen("a", "/cread.php", 302),
                                seen("a", "/cread.php", 302),
                                seen("c", "/sread.php", 200)))
                .platform("shareasale", List.of(seen("b", "/r.cfm", 302)))
                .queued(Set.of("d"))
                .fates(List.of(
                        new FateRecord("a", "queued"),
                        new FateRecord("a", "replayed"),
                        new FateRecord("b", "legacy"),
                        new FateRecord("c", "primary"),
                        new FateRecord("d", "spooled")))
                .reconcile();

        assertThat(result.balances()).as(result.summary()).isTrue();
        assertThat(result.counted()).isEqualTo(3);
        assertThat(result.queued()).isEqualTo(1);
        assertThat(result.duplicatesDropped()).isEqualTo(1);
    }

    @Test
    void findsTheLostTheDoubleCountedAndTheMisrouted() {
        Reconciliation result = ledger().platform(
                        "awin",
                        List.of(
                                seen("a", "/cread.php", 302),
                                seen("c", "/cread.php", 302),
                                seen("d", "/sread.php", 503)))
                .platform("shareasale", List.of(seen("a", "/r.cfm", 302), seen("z", "/r.cfm", 302)))
                .fates(List.of(
                        new FateRecord("a", "primary"),
                        new FateRecord("b", "queued"),
                        new FateRecord("c", "primary"),
                        new FateRecord("d", "queued"),
                        new FateRecord("d", "replayed")))
                .reconcile();

        assertThat(result.balances()).isFalse();
        assertThat(result.doubleCounted()).containsExactly("a");
        assertThat(result.misrouted()).containsExactly("c (CONVERSION at awin/cread.php)");
        assertThat(result.lost()).containsExactlyInAnyOrder("b", "d");
        assertThat(result.unexpected()).containsExactly("z");
        assertThat(result.inconsistent()).containsExactly("d (replayed, counted nowhere)");
        assertThat(result.summary()).contains("lost 2").endsWith("DOES NOT BALANCE");
    }

    @Test
    void findsEventsRecordedTwiceOrNever() {
        Reconciliation result = ledger().platform(
                        "awin",
                        List.of(
                                seen("a", "/cread.php", 302), seen("b", "/cread.php", 302),
                                seen("c", "/sread.php", 200), seen("d", "/sread.php", 200)))
                .fates(List.of(
                        new FateRecord("a", "primary"),
                        new FateRecord("a", "queued"),
                        new FateRecord("c", "primary"),
                        new FateRecord("d", "primary")))
                .reconcile();

        assertThat(result.recordedTwice()).containsExactly("a");
        assertThat(result.unrecorded()).containsExactly("b");
        assertThat(result.firstFates()).isEqualTo(2);
        assertThat(result.balances()).isFalse();
    }

    @Test
    void readsFatesFromTheAccessLogAndRefusesALineItCannotRead(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(
                log,
                "{\"ts\":\"t\",\"event_id\":\"a\",\"kind\":\"r.cfm\",\"fate\":\"queued\"}\n"
                        + "{\"event_id\":\"a\",\"fate\":\"replayed\"}\n\n");
        assertThat(FateRecord.readAccessLog(log))
                .containsExactly(new FateRecord("a", "queued"), new FateRecord("a", "replayed"));

        Files.writeString(log, "{\"event_id\":\"a\",\"fate\":\"queued\"}\n{\"event_id\":\"b\"}\n");
        assertThatThrownBy(() -> FateRecord.readAccessLog(log))
                .hasMessage(log + ":2: no event_id or fate (expected: an access-log line)");
    }
}
