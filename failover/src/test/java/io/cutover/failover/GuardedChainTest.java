package io.cutover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.failover.guard.BackendGuard;
import io.cutover.failover.guard.BreakerSettings;
import io.cutover.failover.guard.BreakerState;
import io.cutover.failover.guard.GuardListener;
import io.cutover.failover.guard.GuardSettings;
import io.cutover.failover.guard.GuardedBackend;
import io.cutover.failover.guard.RetryPolicy;
import io.cutover.failover.guard.RetrySettings;
import io.cutover.failover.guard.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The chain with guarded backends and retries, on a hand-driven ticker and scheduler. */
class GuardedChainTest {

    private static final long MS = 1_000_000L;

    private final ScriptedBackend.ManualTicker ticker = new ScriptedBackend.ManualTicker();
    private final ScriptedBackend primary = new ScriptedBackend("primary", ticker);
    private final ScriptedBackend legacy = new ScriptedBackend("legacy", ticker);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> retries = new ArrayList<>();
    private final GuardListener listener = new GuardListener() {
        @Override
        public void stateChanged(String backend, BreakerState from, BreakerState to) {}

        @Override
        public void bulkheadFull(String backend) {}

        @Override
        public void retried(String backend) {
            retries.add(backend + ":retried");
        }

        @Override
        public void retryBudgetExhausted(String backend) {
            retries.add(backend + ":budget-exhausted");
        }
    };
    private final BackendGuard guard = new BackendGuard(
            "primary",
            new GuardSettings(
                    new BreakerSettings(50, 100, Duration.ofSeconds(1), 4, 4, Duration.ofSeconds(5), 1),
                    8,
                    RetrySettings.none()),
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
            listener);

    private FailoverChain<String, String> chain(RetrySettings retry) {
        RetryPolicy policy = new RetryPolicy("primary", retry, ticker, () -> 0.5, listener);
        return new FailoverChain<>(new GuardedBackend<>(primary, guard), legacy, ticker, 5 * MS)
                .withRetries(policy, RetryPolicy.none(), scheduler);
    }

    private static RetrySettings retries(double ratio, int minPerSecond) {
        return new RetrySettings(
                2, Duration.ofMillis(10), Duration.ofMillis(40), ratio, minPerSecond, Duration.ofSeconds(10));
    }

    @Test
    void retriesARefusedConnectAfterItsBackoffAndAnswersFromThePrimary() {
        primary.fails(BackendFailure.CONNECT).answers(302);
        CompletableFuture<Route<String>> route = chain(retries(0.2, 10))
                .route("click-1", true, Deadline.after(Duration.ofMillis(300), ticker))
                .toCompletableFuture();
        assertThat(route).as("waits for the backoff").isNotDone();

        long waited = scheduler.runNext(ticker);

        assertThat(waited).as("half of 10 ms plus half of the jitter range").isEqualTo(7_500_000L);
        assertThat(route.join().fate()).isEqualTo(Fate.PRIMARY);
        assertThat(route.join().summary()).isEqualTo("primary:connect,primary:ok");
        assertThat(legacy.received()).isEmpty();
        assertThat(retries).containsExactly("primary:retried");
    }

    @Test
    void goesToLegacyWhenTheRetriesAreSpent() {
        primary.fails(BackendFailure.CONNECT).fails(BackendFailure.WRITE).fails(BackendFailure.CONNECT);
        legacy.answers(302);
        CompletableFuture<Route<String>> route = chain(retries(1, 10))
                .route("click-1", true, Deadline.after(Duration.ofMillis(300), ticker))
                .toCompletableFuture();

        scheduler.runNext(ticker);
        scheduler.runNext(ticker);

        assertThat(route.join().fate()).isEqualTo(Fate.LEGACY);
        assertThat(route.join().summary()).isEqualTo("primary:connect,primary:write,primary:connect,legacy:ok");
    }

    @Test
    void neverRetriesWhatMayHaveBeenCounted() {
        primary.fails(BackendFailure.READ_TIMEOUT);

        Route<String> route = chain(retries(1, 10))
                .route("click-1", true, Deadline.after(Duration.ofMillis(300), ticker))
                .toCompletableFuture()
                .join();

        assertThat(route.fate()).isEqualTo(Fate.LOCAL);
        assertThat(scheduler.pending()).isZero();
        assertThat(legacy.received()).isEmpty();
    }

    @Test
    void aSpentRetryBudgetSendsStraightToLegacy() {
        primary.fails(BackendFailure.CONNECT);
        legacy.answers(302);

        Route<String> route = chain(retries(0, 0))
                .route("click-1", true, Deadline.after(Duration.ofMillis(300), ticker))
                .toCompletableFuture()
                .join();

        assertThat(route.fate()).isEqualTo(Fate.LEGACY);
        assertThat(scheduler.pending()).isZero();
        assertThat(retries).containsExactly("primary:budget-exhausted");
    }

    @Test
    void anOpenBreakerSendsToLegacyWithoutTouchingThePrimary() {
        FailoverChain<String, String> chain = chain(RetrySettings.none());
        for (int i = 0; i < 4; i++) {
            primary.fails(BackendFailure.CONNECT);
            legacy.answers(302);
            chain.route("click-" + i, true, Deadline.after(Duration.ofMillis(300), ticker));
        }
        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
        legacy.answers(302);

        Route<String> route = chain.route("click-5", true, Deadline.after(Duration.ofMillis(300), ticker))
                .toCompletableFuture()
                .join();

        assertThat(route.fate()).isEqualTo(Fate.LEGACY);
        assertThat(route.summary()).isEqualTo("primary:breaker_open,legacy:ok");
        assertThat(primary.received()).hasSize(4);
    }

    @Test
    void aFullBulkheadSendsToLegacyWithoutTouchingThePrimaryAndFreesWhenACallEnds() {
        BackendGuard narrow = new BackendGuard(
                "primary",
                new GuardSettings(BreakerSettings.defaults(), 1, RetrySettings.none()),
                Clock.systemUTC(),
                listener);
        CompletableFuture<Attempt<String>> inFlight = new CompletableFuture<>();
        List<String> sent = new ArrayList<>();
        Backend<String, String> hanging = new Backend<>() {
            @Override
            public String name() {
                return "primary";
            }

            @Override
            public CompletableFuture<Attempt<String>> send(String request, long deadlineNanos) {
                sent.add(request);
                return inFlight;
            }
        };
        FailoverChain<String, String> chain =
                new FailoverChain<>(new GuardedBackend<>(hanging, narrow), legacy, ticker, 5 * MS);
        CompletableFuture<Route<String>> first = chain.route(
                        "click-1", true, Deadline.after(Duration.ofMillis(300), ticker))
                .toCompletableFuture();
        legacy.answers(302);

        Route<String> second = chain.route("click-2", true, Deadline.after(Duration.ofMillis(300), ticker))
                .toCompletableFuture()
                .join();

        assertThat(second.fate()).isEqualTo(Fate.LEGACY);
        assertThat(second.summary()).isEqualTo("primary:bulkhead_full,legacy:ok");
        assertThat(sent).containsExactly("click-1");
        inFlight.complete(new Attempt.Answered<>("primary-response", 302, MS));
        assertThat(first.join().fate()).isEqualTo(Fate.PRIMARY);
        assertThat(narrow.inFlight()).isZero();
    }

    /** Runs scheduled tasks one at a time, moving the ticker by their delay. */
    static final class ManualScheduler implements Scheduler {
        private final Deque<Runnable> tasks = new ArrayDeque<>();
        private final Deque<Long> delays = new ArrayDeque<>();

        @Override
        public void schedule(Runnable task, long delayNanos) {
            tasks.add(task);
            delays.add(delayNanos);
        }

        int pending() {
            return tasks.size();
        }

        long runNext(ScriptedBackend.ManualTicker ticker) {
            long delay = delays.remove();
            ticker.advance(delay);
            tasks.remove().run();
            return delay;
        }
    }
}
