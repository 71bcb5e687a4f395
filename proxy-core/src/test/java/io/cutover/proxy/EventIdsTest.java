package io.cutover.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void issuesVersion7UuidsWithTheRfcVariant() {
        UUID id = EventIds.system().next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesTheIssueTimeInItsFirst48Bits() {
        EventIds ids = new EventIds(() -> 1_795_342_530_123L);

        assertThat(EventIds.millisOf(ids.next())).isEqualTo(1_795_342_530_123L);
    }

    @Test
    void sortsByIssueTimeAcrossMilliseconds() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        EventIds ids = new EventIds(clock::get);

        UUID earlier = ids.next();
        clock.incrementAndGet();
        UUID later = ids.next();

        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void neverRepeatsWithinOneMillisecond() {
        EventIds ids = new EventIds(() -> 1_700_000_000_000L);
        Set<UUID> seen = new HashSet<>();

        for (int i = 0; i < 100_000; i++) {
            seen.add(ids.next());
        }

        assertThat(seen).hasSize(100_000);
    }
}
