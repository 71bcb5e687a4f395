package io.cutover.failover;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/** A backend that answers from a script and remembers what it was sent, for chain tests. */
final class ScriptedBackend implements Backend<String, String> {

    private final String name;
    private final Deque<Attempt<String>> script = new ArrayDeque<>();
    private final List<String> received = new ArrayList<>();
    private final List<Long> deadlines = new ArrayList<>();
    private final ManualTicker ticker;
    private long takesNanos;

    ScriptedBackend(String name, ManualTicker ticker) {
        this.name = name;
        this.ticker = ticker;
    }

    ScriptedBackend answers(int status) {
        script.add(new Attempt.Answered<>(name + "-response", status, 0));
        return this;
    }

    ScriptedBackend fails(BackendFailure failure) {
        script.add(Attempt.failed(failure, failure.tag(), 0));
        return this;
    }

    ScriptedBackend taking(long nanos) {
        this.takesNanos = nanos;
        return this;
    }

    List<String> received() {
        return received;
    }

    List<Long> deadlines() {
        return deadlines;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<Attempt<String>> send(String request, long deadlineNanos) {
        received.add(request);
        deadlines.add(deadlineNanos);
        ticker.advance(takesNanos);
        Attempt<String> next = script.poll();
        if (next == null) {
            throw new AssertionError(name + " was sent more requests than scripted");
        }
        return CompletableFuture.completedFuture(next);
    }

    /** A nanosecond clock that moves only when told to. */
    static final class ManualTicker implements LongSupplier {
        private long now = 1_000_000_000L;

        void advance(long nanos) {
            now += nanos;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }
}
