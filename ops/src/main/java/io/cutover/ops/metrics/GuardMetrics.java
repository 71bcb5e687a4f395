package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The metrics of the backends' guards: each breaker's state (one series per state, 1 for the
 * current one, so a dashboard can stack them), its transitions, the calls in flight and those the
 * bulkhead refused, and retries granted or refused by the budget.
 *
 * <p>Series of the frequent events (bulkhead refusals, retries) are bound per backend when it is
 * watched; transitions are rare and tag themselves.
 */
public final class GuardMetrics {

    static final AttributeKey<String> BACKEND = AttributeKey.stringKey("backend");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("state");
    static final AttributeKey<String> FROM = AttributeKey.stringKey("from");
    static final AttributeKey<String> TO = AttributeKey.stringKey("to");
    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    private final List<String> states;
    private final LongCounter transitions;
    private final LongCounter bulkheadRejected;
    private final LongCounter retries;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    /** @param states every state a breaker can be in, as tags */
    public GuardMetrics(Meter meter, List<String> states) {
        Objects.requireNonNull(meter, "meter");
        this.states = List.copyOf(states);
        this.transitions = meter.counterBuilder("cutover.breaker.transitions")
                .setDescription("Circuit breaker state changes, by backend and states.")
                .build();
        this.bulkheadRejected = meter.counterBuilder("cutover.bulkhead.rejected")
                .setDescription("Calls not sent because the backend's bulkhead was full.")
                .build();
        this.retries = meter.counterBuilder("cutover.retries")
                .setDescription("Retries of attempts that never left: granted, or refused by the retry budget.")
                .build();
        meter.gaugeBuilder("cutover.breaker.state")
                .setDescription("1 for the state each backend's circuit breaker is in, 0 for the others.")
                .ofLongs()
                .buildWithCallback(out -> {
                    for (Watched w : watched.values()) {
                        String current = w.state.get();
                        for (int i = 0; i < this.states.size(); i++) {
                            out.record(this.states.get(i).equals(current) ? 1 : 0, w.stateTags[i]);
                        }
                    }
                });
        meter.gaugeBuilder("cutover.bulkhead.in_flight")
                .setDescription("Calls in flight to each backend.")
                .ofLongs()
                .buildWithCallback(out -> {
                    for (Watched w : watched.values()) {
                        out.record(w.inFlight.getAsInt(), w.backend);
                    }
                });
    }

    /**
     * Starts reporting a backend's breaker state and calls in flight, read at each scrape.
     *
     * @param state the current state's tag, one of the states given at construction
     */
    public void watch(String backend, Supplier<String> state, IntSupplier inFlight) {
        watched.put(backend, new Watched(backend, state, inFlight, states));
    }

    public void transition(String backend, String from, String to) {
        transitions.add(1, Attributes.of(BACKEND, backend, FROM, from, TO, to));
    }

    public void bulkheadFull(String backend) {
        bulkheadRejected.add(1, bound(backend).backend);
    }

    public void retried(String backend) {
        retries.add(1, bound(backend).retried);
    }

    public void retryBudgetExhausted(String backend) {
        retries.add(1, bound(backend).exhausted);
    }

    private Watched bound(String backend) {
        Watched w = watched.get(backend);
        if (w == null) {
            throw new IllegalArgumentException(
                    "backend: '" + backend + "' (expected: one of " + watched.keySet() + ")");
        }
        return w;
    }

    private static final class Watched {
        final Attributes backend;
        final Attributes retried;
        final Attributes exhausted;
        final Attributes[] stateTags;
        final Supplier<String> state;
        final IntSupplier inFlight;

        Watched(String backend, Supplier<String> state, IntSupplier inFlight, List<String> states) {
            this.backend = Attributes.of(BACKEND, backend);
            this.retried = Attributes.of(BACKEND, backend, RESULT, "retried");
            this.exhausted = Attributes.of(BACKEND, backend, RESULT, "budget_exhausted");
            this.stateTags = new Attributes[states.size()];
            for (int i = 0; i < states.size(); i++) {
                stateTags[i] = Attributes.of(BACKEND, backend, STATE, states.get(i));
            }
            this.state = state;
            this.inFlight = inFlight;
        }
    }
}
