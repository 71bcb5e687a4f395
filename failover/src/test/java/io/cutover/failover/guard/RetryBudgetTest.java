package io.cutover.failover.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L);

    @Test
    void retriesAddAtMostTheConfiguredShareOfTheLoad() {
        RetryBudget budget = new RetryBudget(0.2, 0, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 100; i++) {
            budget.deposit();
        }

        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (budget.tryWithdraw()) {
                granted++;
            }
        }

        assertThat(granted).isEqualTo(20);
    }

    @Test
    void keepsAReservePerSecondForAQuietBackend() {
        RetryBudget budget = new RetryBudget(0.2, 1, Duration.ofSeconds(10), now::get);

        int granted = 0;
        for (int i = 0; i < 50; i++) {
            if (budget.tryWithdraw()) {
                granted++;
            }
        }

        assertThat(granted).isEqualTo(10);
    }

    @Test
    void forgetsWhatIsOlderThanTheWindow() {
        RetryBudget budget = new RetryBudget(0.5, 0, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 10; i++) {
            budget.deposit();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryWithdraw()).isTrue();
        }
        assertThat(budget.tryWithdraw()).isFalse();

        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(budget.tryWithdraw()).as("nothing earned in this window").isFalse();
        budget.deposit();
        budget.deposit();
        assertThat(budget.tryWithdraw()).isTrue();
        assertThat(budget.tryWithdraw()).isFalse();
    }
}
