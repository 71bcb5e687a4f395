package io.cutover.loadtest.scenario;

import io.cutover.failover.queue.QueuedEvent;
import io.cutover.loadtest.load.Answer;
import io.cutover.loadtest.load.AnswerListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load sent, as the ledger needs it: each event ID Cutover answered with, and the kind
 * the ledger expects of it (a {@code sale.cfm} is a conversion, every other tracked endpoint a
 * click); and what cannot be followed: tracked answers without an event ID, or with one given
 * twice. Pass-through requests ({@code other}) are not events. Called on the generator's event
 * loops: quick, never blocking.
 */
final class Sent implements AnswerListener {

    private final Map<String, QueuedEvent.Kind> events = new ConcurrentHashMap<>();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong withoutEventId = new AtomicLong();
    private final AtomicLong repeatedEventId = new AtomicLong();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();

    @Override
    public void answered(Answer answer, String fate) {
        if (!answer.answered()) {
            unanswered.incrementAndGet();
            if (samples.size() < 5) {
                samples.add(answer.request().name() + ": " + answer.failure().tag());
            }
            return;
        }
        String endpoint = answer.request().endpoint();
        if (endpoint.equals("other")) {
            return;
        }
        QueuedEvent.Kind kind = endpoint.equals("sale.cfm") ? QueuedEvent.Kind.CONVERSION : QueuedEvent.Kind.CLICK;
        if (answer.eventId() == null) {
            withoutEventId.incrementAndGet();
        } else if (events.putIfAbsent(answer.eventId(), kind) != null) {
            repeatedEventId.incrementAndGet();
        }
    }

    Map<String, QueuedEvent.Kind> events() {
        return Map.copyOf(events);
    }

    /** Requests with no whole answer: refused, reset, timed out. */
    long unanswered() {
        return unanswered.get();
    }

    long withoutEventId() {
        return withoutEventId.get();
    }

    long repeatedEventId() {
        return repeatedEventId.get();
    }

    /** A few unanswered requests and why. */
    List<String> samples() {
        return List.copyOf(samples);
    }
}
