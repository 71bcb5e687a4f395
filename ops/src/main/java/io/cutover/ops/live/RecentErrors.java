package io.cutover.ops.live;

import io.cutover.ops.json.JsonString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The last errors, grouped by where and what ({@code primary} / {@code connect}, {@code breaker
 * primary} / {@code closed → open}): how often, when last, and the last event ID, so an
 * operator reads "the primary refuses connections, 1,204 times, last 0.3 s ago" rather than a
 * scroll of identical lines. Bounded: past {@value #MAX_KINDS} kinds, new ones are counted under
 * {@code other}.
 */
public final class RecentErrors {

    /** Distinct (source, what) pairs kept. */
    public static final int MAX_KINDS = 64;

    /** Kinds shown, most recent first. */
    public static final int SHOWN = 12;

    private final LongSupplier millis;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    RecentErrors(LongSupplier millis) {
        this.millis = millis;
    }

    /**
     * Counts one error. Cheap on the hot path once the kind is known (a map read and an adder).
     *
     * @param source where: a backend, {@code client}, {@code breaker primary}, {@code queue}
     * @param what which: a failure tag, a reject reason, a transition
     * @param eventId the event it happened to, or {@code null}
     */
    public void record(String source, String what, String eventId) {
        String key = source + '\u0000' + what;
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= MAX_KINDS) {
                key = "other\u0000other";
                entry = entries.computeIfAbsent(key, k -> new Entry("other", "other"));
            } else {
                entry = entries.computeIfAbsent(key, k -> new Entry(source, what));
            }
        }
        entry.count.increment();
        entry.lastMillis = millis.getAsLong();
        entry.lastEventId = eventId;
    }

    /** The kinds seen, most recent first, at most {@value #SHOWN}. */
    public List<Entry> recent() {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparingLong((Entry e) -> e.lastMillis).reversed());
        return all.subList(0, Math.min(SHOWN, all.size()));
    }

    void appendJson(StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Entry entry : recent()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"source\":");
            JsonString.append(out, entry.source);
            out.append(",\"what\":");
            JsonString.append(out, entry.what);
            out.append(",\"count\":").append(entry.count.sum());
            out.append(",\"lastAt\":").append(entry.lastMillis);
            out.append(",\"lastEventId\":");
            String id = entry.lastEventId;
            if (id == null) {
                out.append("null");
            } else {
                JsonString.append(out, id);
            }
            out.append('}');
        }
        out.append(']');
    }

    /** One kind of error. */
    public static final class Entry {
        private final String source;
        private final String what;
        private final LongAdder count = new LongAdder();
        private volatile long lastMillis;
        private volatile String lastEventId;

        Entry(String source, String what) {
            this.source = source;
            this.what = what;
        }

        public String source() {
            return source;
        }

        public String what() {
            return what;
        }

        public long count() {
            return count.sum();
        }

        public long lastMillis() {
            return lastMillis;
        }
    }
}
