package io.cutover.failover.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheBaseUpToTheMaximum() {
        Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);

        assertThat(top.after(0)).isZero();
        assertThat(top.after(1)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(top.after(2)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(top.after(4)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        assertThat(top.after(5)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(top.after(1_000_000)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    }

    @Test
    void jitterNeverGoesBelowHalfTheStep() {
        Backoff bottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);

        assertThat(bottom.after(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(bottom.after(3)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refusesAMaximumBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5))
                .hasMessageContaining("expected: 0 < base <= max");
    }
}
