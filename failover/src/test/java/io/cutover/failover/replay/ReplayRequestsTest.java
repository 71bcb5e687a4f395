package io.cutover.failover.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.failover.queue.QueuedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayRequestsTest {

    private static final long RECEIVED = 1_764_581_122_123L; // 2025-12-01T09:25:22.123Z

    private static QueuedEvent event(QueuedEvent.Kind kind, QueuedEvent.Target target, String uri) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "Mozilla/5.0");
        headers.put("X-Forwarded-For", "203.0.113.0");
        headers.put("Host", "www.shareasale.com");
        headers.put("Connection", "close");
        headers.put("X-Cutover-Replay", "0");
        headers.put("X-Cutover-Event-Id", "forged");
        headers.put("X-Split", "a\r\nSet-Cookie: x=1");
        return new QueuedEvent(
                "0190f1c2-7a3b-7cde-8f01-23456789abcd",
                "sale.cfm",
                kind,
                target,
                uri,
                headers,
                RECEIVED,
                "primary:read_timeout");
    }

    @Test
    void turnsThePixelIntoTheServerToServerFormKeepingEveryOtherParameter() {
        ReplayRequest request = ReplayRequests.of(event(
                QueuedEvent.Kind.CONVERSION,
                QueuedEvent.Target.PRIMARY,
                "/sread.img?tt=ns&tv=2&merchant=1001&amount=12.50&ch=aw&parts=DEFAULT%3A12.50&ref=ORD%2F1&cr=USD"));

        assertThat(request.uri())
                .isEqualTo("/sread.php?tt=ss&tv=2&merchant=1001&amount=12.50&ch=aw&parts=DEFAULT%3A12.50"
                        + "&ref=ORD%2F1&cr=USD");
        assertThat(request.target()).isEqualTo(QueuedEvent.Target.PRIMARY);
    }

    @Test
    void putsTheTrackingTypeFirstWhenThePixelHadNone() {
        assertThat(ReplayRequests.serverToServer("/sread.img?merchant=1&ref=a"))
                .isEqualTo("/sread.php?tt=ss&merchant=1&ref=a");
        assertThat(ReplayRequests.serverToServer("/sread.img")).isEqualTo("/sread.php?tt=ss");
        assertThat(ReplayRequests.serverToServer("/sread.php?tt=ns&tt=ss&ref=b"))
                .isEqualTo("/sread.php?tt=ss&ref=b");
    }

    @Test
    void refusesAConversionThatIsNoAwinConversion() {
        assertThatThrownBy(() -> ReplayRequests.of(
                        event(QueuedEvent.Kind.CONVERSION, QueuedEvent.Target.PRIMARY, "/cread.php?awinmid=1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a conversion target /sread.img");
    }

    @Test
    void replaysClicksAndLegacyEventsAsQueued() {
        String click = "/cread.php?awinmid=1001&awinaffid=2002&ued=https%3A%2F%2Fshop.example%2F";
        assertThat(ReplayRequests.of(event(QueuedEvent.Kind.CLICK, QueuedEvent.Target.PRIMARY, click))
                        .uri())
                .isEqualTo(click);
        String sale = "/sale.cfm?tracking=A1&amount=9.99&merchantID=41388&transtype=sale";
        assertThat(ReplayRequests.of(event(QueuedEvent.Kind.CONVERSION, QueuedEvent.Target.LEGACY, sale))
                        .uri())
                .isEqualTo(sale);
    }

    @Test
    void carriesTheOriginalIdAndTimeAndTheReplayMarkAndNoUnsafeHeader() {
        ReplayRequest request =
                ReplayRequests.of(event(QueuedEvent.Kind.CLICK, QueuedEvent.Target.PRIMARY, "/cread.php?a=1"));

        assertThat(request.headers())
                .containsEntry("User-Agent", "Mozilla/5.0")
                .containsEntry("X-Forwarded-For", "203.0.113.0")
                .containsEntry(ReplayHeaders.EVENT_ID, "0190f1c2-7a3b-7cde-8f01-23456789abcd")
                .containsEntry(ReplayHeaders.RECEIVED_AT, "2025-12-01T09:25:22.123Z")
                .containsEntry(ReplayHeaders.REPLAY, "1")
                .doesNotContainKeys("Host", "Connection", "X-Split");
        assertThat(request.headers()).hasSize(5);
    }
}
