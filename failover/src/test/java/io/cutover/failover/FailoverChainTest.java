package io.cutover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverChainTest {

    private static final long MS = 1_000_000L;

    private final ScriptedBackend.ManualTicker ticker = new ScriptedBackend.ManualTicker();
    private final ScriptedBackend primary = new ScriptedBackend("primary", ticker);
    private final ScriptedBackend legacy = new ScriptedBackend("legacy", ticker);
    private final FailoverChain<String, String> chain = new FailoverChain<>(primary, legacy, ticker, 5 * MS);

    private Route<String> route(boolean translated, Duration budget) {
        return chain.route("click-1", translated, Deadline.after(budget, ticker))
                .toCompletableFuture()
                .join();
    }

    @Test
    void answersFromPrimaryWhenItAnswers() {
        primary.answers(302);

        Route<String> route = route(true, Duration.ofMillis(800));

        assertThat(route.fate()).isEqualTo(Fate.PRIMARY);
        assertThat(route.response()).isEqualTo("primary-response");
        assertThat(route.status()).isEqualTo(302);
        assertThat(legacy.received()).isEmpty();
        assertThat(route.summary()).isEqualTo("primary:ok");
    }

    @Test
    void triesLegacyWhenPrimaryRefusesConnection() {
        primary.fails(BackendFailure.CONNECT);
        legacy.answers(302);

        Route<String> route = route(true, Duration.ofMillis(800));

        assertThat(route.fate()).isEqualTo(Fate.LEGACY);
        assertThat(route.response()).isEqualTo("legacy-response");
        assertThat(legacy.received()).containsExactly("click-1");
        assertThat(route.summary()).isEqualTo("primary:connect,legacy:ok");
    }

    @Test
    void triesLegacyWhenPrimaryAnswersAnErrorStatus() {
        primary.fails(BackendFailure.BAD_STATUS);
        legacy.answers(302);

        assertThat(route(true, Duration.ofMillis(800)).fate()).isEqualTo(Fate.LEGACY);
    }

    @Test
    void neverSendsToLegacyWhenPrimaryMayHaveCountedIt() {
        for (BackendFailure failure : BackendFailure.values()) {
            if (!failure.mayHaveCounted()) {
                continue;
            }
            ScriptedBackend primary = new ScriptedBackend("primary", ticker).fails(failure);
            ScriptedBackend legacy = new ScriptedBackend("legacy", ticker);
            FailoverChain<String, String> chain = new FailoverChain<>(primary, legacy, ticker, 0);

            Route<String> route = chain.route("click-1", true, Deadline.after(Duration.ofSeconds(1), ticker))
                    .toCompletableFuture()
                    .join();

            assertThat(route.isLocal()).as(failure.name()).isTrue();
            assertThat(legacy.received()).as(failure.name()).isEmpty();
        }
    }

    @Test
    void classifiesOnlyAmbiguousFailuresAsMaybeCounted() {
        assertThat(BackendFailure.values())
                .filteredOn(BackendFailure::mayHaveCounted)
                .containsExactlyInAnyOrder(
                        BackendFailure.RESET, BackendFailure.READ_TIMEOUT, BackendFailure.BAD_RESPONSE);
    }

    @Test
    void sendsUntranslatedRequestStraightToLegacy() {
        legacy.answers(302);

        Route<String> route = route(false, Duration.ofMillis(800));

        assertThat(route.fate()).isEqualTo(Fate.LEGACY);
        assertThat(primary.received()).isEmpty();
    }

    @Test
    void answersLocallyWhenBothFail() {
        primary.fails(BackendFailure.CONNECT);
        legacy.fails(BackendFailure.BAD_STATUS);

        Route<String> route = route(true, Duration.ofMillis(800));

        assertThat(route.isLocal()).isTrue();
        assertThat(route.isLocal()).isTrue();
        assertThat(route.response()).isNull();
        assertThat(route.summary()).isEqualTo("primary:connect,legacy:bad_status");
    }

    @Test
    void answersLocallyWithoutLegacyOnceItIsRetired() {
        FailoverChain<String, String> retired = new FailoverChain<>(primary, null, ticker, 0);
        primary.fails(BackendFailure.CONNECT);

        Route<String> translated = retired.route("click-1", true, Deadline.after(Duration.ofSeconds(1), ticker))
                .toCompletableFuture()
                .join();
        Route<String> untranslated = retired.route("click-2", false, Deadline.after(Duration.ofSeconds(1), ticker))
                .toCompletableFuture()
                .join();

        assertThat(retired.hasLegacy()).isFalse();
        assertThat(translated.isLocal()).isTrue();
        assertThat(untranslated.isLocal()).isTrue();
        assertThat(untranslated.steps()).isEmpty();
        assertThat(untranslated.summary()).isEqualTo("-");
    }

    @Test
    void sharesOneDeadlineBetweenAttempts() {
        primary.taking(300 * MS).fails(BackendFailure.CONNECT);
        legacy.answers(302);
        long start = ticker.getAsLong();

        route(true, Duration.ofMillis(800));

        assertThat(primary.deadlines()).containsExactly(start + 800 * MS);
        assertThat(legacy.deadlines()).containsExactly(start + 800 * MS);
    }

    @Test
    void skipsLegacyWhenTooLittleBudgetIsLeft() {
        primary.taking(797 * MS).fails(BackendFailure.CONNECT);

        Route<String> route = route(true, Duration.ofMillis(800));

        assertThat(route.isLocal()).isTrue();
        assertThat(legacy.received()).isEmpty();
        assertThat(route.summary()).isEqualTo("primary:connect,legacy:deadline");
    }

    @Test
    void recordsHowLongEachAttemptTook() {
        primary.taking(40 * MS).fails(BackendFailure.BAD_STATUS);
        legacy.taking(7 * MS).answers(302);

        Route<String> route = route(true, Duration.ofMillis(800));

        assertThat(route.steps()).extracting(Route.Step::nanos).containsExactly(40 * MS, 7 * MS);
    }

    @Test
    void treatsABackendThatThrowsAsAFailedAttempt() {
        Backend<String, String> broken = new Backend<>() {
            @Override
            public String name() {
                return "primary";
            }

            @Override
            public java.util.concurrent.CompletionStage<Attempt<String>> send(String request, long deadlineNanos) {
                throw new IllegalStateException("bug");
            }
        };
        legacy.answers(302);
        FailoverChain<String, String> chain = new FailoverChain<>(broken, legacy, ticker, 0);

        Route<String> route = chain.route("click-1", true, Deadline.after(Duration.ofSeconds(1), ticker))
                .toCompletableFuture()
                .join();

        assertThat(route.fate()).isEqualTo(Fate.LEGACY);
        assertThat(route.summary()).isEqualTo("primary:write,legacy:ok");
    }
}
