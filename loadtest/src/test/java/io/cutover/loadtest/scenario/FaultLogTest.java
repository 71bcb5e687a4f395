package io.cutover.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultLogTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final FaultLog log = new FaultLog(now::get);

    private void at(long millis) {
        now.set(5_000_000_000L + Duration.ofMillis(millis).toNanos());
    }

    @Test
    void recordsWindowsFromTheRunsStartInOrderOfTheirBeginning() {
        at(1000);
        log.begin("primary down");
        at(1500);
        log.begin("legacy down");
        at(2000);
        log.instant("reload: afftrack → clickref");
        at(3000);
        log.end("legacy down");
        at(4000);
        log.end("primary down");

        assertThat(log.windows())
                .containsExactly(
                        new FaultWindow("primary down", Duration.ofMillis(1000), Duration.ofMillis(4000)),
                        new FaultWindow("legacy down", Duration.ofMillis(1500), Duration.ofMillis(3000)),
                        new FaultWindow(
                                "reload: afftrack → clickref", Duration.ofMillis(2000), Duration.ofMillis(2000)));
        assertThat(log.windows().get(0)).hasToString("primary down 1.00 s – 4.00 s");
    }

    @Test
    void aWindowStillOpenEndsWhenTheWindowsAreRead() {
        at(200);
        log.begin("sqs down");
        at(900);

        assertThat(log.windows())
                .containsExactly(new FaultWindow("sqs down", Duration.ofMillis(200), Duration.ofMillis(900)));
    }

    @Test
    void refusesToOpenAWindowTwiceOrCloseOneNotOpen() {
        log.begin("primary down");

        assertThatThrownBy(() -> log.begin("primary down")).hasMessage("fault window primary down: already open");
        assertThatThrownBy(() -> log.end("legacy down")).hasMessage("fault window legacy down: not open");
    }
}
