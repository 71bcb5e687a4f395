package io.cutover.failover.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplaySettingsTest {

    @Test
    void refusesValuesSqsWouldRefuseNamingTheKey() {
        assertThatThrownBy(() -> new ReplaySettings(
                        true,
                        Duration.ofSeconds(30),
                        10,
                        4,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        5,
                        Duration.ofSeconds(30),
                        Optional.of("u")))
                .hasMessage("replay.poll-wait: PT30S (expected: 1s to 20s)");
        assertThatThrownBy(() -> new ReplaySettings(
                        true,
                        Duration.ofSeconds(1),
                        11,
                        4,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        5,
                        Duration.ofSeconds(30),
                        Optional.of("u")))
                .hasMessage("replay.batch-size: 11 (expected: 1 to 10)");
    }

    @Test
    void needsADeadLetterQueueWhenEnabled() {
        assertThatThrownBy(() -> new ReplaySettings(
                        true,
                        Duration.ofSeconds(1),
                        10,
                        4,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        5,
                        Duration.ofSeconds(30),
                        Optional.empty()))
                .hasMessageStartingWith("replay.dead-letter-queue-url: missing");
    }

    @Test
    void needsTheMaximumBackoffAtLeastTheBase() {
        assertThatThrownBy(() -> new ReplaySettings(
                        false,
                        Duration.ofSeconds(1),
                        10,
                        4,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        5,
                        Duration.ofSeconds(30),
                        Optional.empty()))
                .hasMessageStartingWith("replay.backoff-max: PT1S");
    }
}
