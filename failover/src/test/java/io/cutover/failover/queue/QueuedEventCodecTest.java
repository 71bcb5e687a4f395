package io.cutover.failover.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuedEventCodecTest {

    private static final QueuedEvent CLICK = new QueuedEvent(
            "01a20393-042e-7d08-9a86-29396a7eacec",
            "r.cfm",
            QueuedEvent.Kind.CLICK,
            QueuedEvent.Target.PRIMARY,
            "/cread.php?awinmid=15532&awinaffid=402911&ued=https%3A%2F%2Fwww.example.com%2F",
            Map.of("User-Agent", "Mozilla/5.0 \"quoted\"\nline", "X-Forwarded-For", "203.0.113.0"),
            1_795_356_296_123L,
            "primary:read_timeout");

    @Test
    void roundTripsEveryField() {
        assertThat(QueuedEventCodec.decode(QueuedEventCodec.encode(CLICK))).isEqualTo(CLICK);
    }

    @Test
    void encodesOnOneLine() {
        assertThat(QueuedEventCodec.encode(CLICK)).doesNotContain("\n").startsWith("{\"v\":1,");
    }

    @Test
    void namesTheFieldThatDoesNotFit() {
        String text = QueuedEventCodec.encode(CLICK).replace("\"CLICK\"", "\"BANNER\"");
        assertThatThrownBy(() -> QueuedEventCodec.decode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind: \"BANNER\" (expected: CLICK or CONVERSION)");
    }

    @Test
    void refusesAnotherVersion() {
        String text = QueuedEventCodec.encode(CLICK).replace("\"v\":1", "\"v\":2");
        assertThatThrownBy(() -> QueuedEventCodec.decode(text)).hasMessage("v: 2 (expected: 1)");
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThatThrownBy(() -> QueuedEventCodec.decode("{\"v\":1,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> QueuedEventCodec.decode("[]")).hasMessageStartingWith("not a JSON object");
    }

    @Test
    void refusesAMissingEventId() {
        String text = QueuedEventCodec.encode(CLICK).replace("\"eventId\"", "\"id\"");
        assertThatThrownBy(() -> QueuedEventCodec.decode(text))
                .hasMessage("eventId: null (expected: a non-empty string)");
    }
}
