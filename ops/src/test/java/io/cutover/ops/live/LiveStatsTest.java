package io.cutover.ops.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveStatsTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final AtomicLong replayed = new AtomicLong();
    private final LiveStats stats = new LiveStats(
                    List.of("r.cfm", "sale.cfm"), List.of("primary", "legacy"), millis::get)
            .counter("replayed", replayed::get);

    @Test
    void ratesArePerSecondOverTheLastSecondsAndTotalsSinceStart() {
        for (int second = 0; second < 4; second++) {
            for (int i = 0; i < 10; i++) {
                stats.request(0, second < 2 ? 0 : 1, TimeUnit.MILLISECONDS.toNanos(2));
            }
            replayed.addAndGet(3);
            stats.tick(millis.addAndGet(1000));
        }
        String json = stats.toJson();
        assertThat(json).contains("\"window\":4");
        assertThat(json).contains("\"r.cfm\":{\"rate\":10.0,\"fates\":{\"primary\":5.0,\"legacy\":5.0}");
        assertThat(json).contains("\"totals\":{\"r.cfm\":{\"primary\":20,\"legacy\":20}");
        assertThat(json).contains("\"sale.cfm\":{\"rate\":0.0").contains("\"latencyMs\":null");
        assertThat(json).contains("\"p50\":2.0");
        assertThat(json).contains("\"replayed\":3");
    }

    @Test
    void groupsErrorsByKindMostRecentFirst() {
        stats.errors().record("primary", "connect", "e1");
        millis.addAndGet(5);
        stats.errors().record("primary", "connect", "e2");
        millis.addAndGet(5);
        stats.errors().record("client", "bad_query", "e3");
        List<RecentErrors.Entry> recent = stats.errors().recent();
        assertThat(recent).extracting(RecentErrors.Entry::what).containsExactly("bad_query", "connect");
        assertThat(recent.get(1).count()).isEqualTo(2);
        assertThat(stats.toJson()).contains("\"lastEventId\":\"e2\"");
    }

    @Test
    void keepsABoundedNumberOfErrorKinds() {
        for (int i = 0; i < RecentErrors.MAX_KINDS * 3; i++) {
            millis.incrementAndGet();
            stats.errors().record("primary", "kind-" + i, null);
        }
        assertThat(stats.errors().recent()).hasSizeLessThanOrEqualTo(RecentErrors.SHOWN);
        assertThat(stats.errors().recent().get(0).what()).isEqualTo("other");
    }

    @Test
    void keepsTwoMinutesOfSeconds() {
        for (int i = 0; i < LiveStats.SECONDS + 30; i++) {
            stats.tick(millis.addAndGet(1000));
        }
        assertThat(stats.toJson().split("\"t\":", -1)).hasSize(LiveStats.SECONDS + 1);
    }

    @Test
    void aSecondRefilledFromTheOldestCarriesNothingOfIt() {
        // Two minutes of seconds at 50 ms, so that every kept second's histograms hold counts.
        for (int i = 0; i < LiveStats.SECONDS; i++) {
            stats.request(0, 0, TimeUnit.MILLISECONDS.toNanos(50));
            stats.request(1, 1, TimeUnit.MILLISECONDS.toNanos(50));
            stats.tick(millis.addAndGet(1000));
        }
        // Then ten seconds at 2 ms on r.cfm only, and one with no request at all.
        for (int i = 0; i < RECENT_SECONDS; i++) {
            stats.request(0, 0, TimeUnit.MILLISECONDS.toNanos(2));
            stats.tick(millis.addAndGet(1000));
        }
        stats.tick(millis.addAndGet(1000));

        String json = stats.toJson();
        assertThat(json.split("\"t\":", -1)).hasSize(LiveStats.SECONDS + 1);
        // The newest second is empty, the nine before it had 2 ms each, and sale.cfm none.
        String newest = json.substring(json.lastIndexOf("{\"t\":"));
        assertThat(newest).contains("\"latencyMs\":null").contains("\"r.cfm\":0,\"sale.cfm\":0");
        String now = json.substring(0, json.indexOf(",\"totals\""));
        // 2-digit histograms report 2 ms as 2.01; what matters is that no 50 ms is left in them.
        assertThat(now)
                .contains(
                        "\"r.cfm\":{\"rate\":0.9,\"fates\":{\"primary\":0.9,\"legacy\":0.0},\"latencyMs\":{\"p50\":2.0")
                .contains("\"max\":2.0")
                .doesNotContain("50.")
                .contains("\"sale.cfm\":{\"rate\":0.0,\"fates\":{\"primary\":0.0,\"legacy\":0.0},\"latencyMs\":null}");
    }

    private static final int RECENT_SECONDS = LiveStats.RECENT;
}
