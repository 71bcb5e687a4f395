package io.cutover.ops.live;

import io.cutover.ops.json.JsonString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The figures the live dashboard draws: requests per second by route and fate, latency
 * percentiles by route, and a few sampled series (spool depth, replays), one slot per second over
 * the last {@value #SECONDS} seconds, plus the {@link RecentErrors}.
 *
 * <p>Recording is cheap and never blocks: a {@link LongAdder} increment and a wait-free HdrHistogram
 * {@link Recorder}, safe from every event loop at once. {@link #tick} closes the current second;
 * one timer calls it once a second, and {@link #toJson} reads the closed seconds.
 */
public final class LiveStats {

    /** Seconds kept. */
    public static final int SECONDS = 120;

    /** Seconds the "now" figures (rates, percentiles) are taken over. */
    public static final int RECENT = 10;

    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final List<String> routes;
    private final List<String> fates;
    private final LongAdder[] counts;
    private final long[] previousCounts;
    private final long[] totals;
    private final Recorder[] latencies;
    private final Histogram[] recycled;
    // All routes of the second being closed, refilled each tick.
    private final Histogram all = new Histogram(MAX_MICROS, 2);
    private final Map<String, LongSupplier> counters = new LinkedHashMap<>();
    private final Map<String, Long> previousCounters = new LinkedHashMap<>();
    private final Map<String, LongSupplier> gauges = new LinkedHashMap<>();
    private final ArrayDeque<Second> seconds = new ArrayDeque<>();
    private final RecentErrors errors;

    /**
     * @param routes the route tags, in the order of the indexes {@link #request} is given
     * @param fates the fate tags, likewise
     */
    public LiveStats(List<String> routes, List<String> fates, LongSupplier millis) {
        this.routes = List.copyOf(routes);
        this.fates = List.copyOf(fates);
        int cells = routes.size() * fates.size();
        this.counts = new LongAdder[cells];
        for (int i = 0; i < cells; i++) {
            counts[i] = new LongAdder();
        }
        this.previousCounts = new long[cells];
        this.totals = new long[cells];
        this.latencies = new Recorder[routes.size()];
        this.recycled = new Histogram[routes.size()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = new Recorder(MAX_MICROS, 2);
        }
        this.errors = new RecentErrors(millis);
    }

    /** One request ended: its route and fate (indexes into the tags), and how long it took. */
    public void request(int route, int fate, long nanos) {
        counts[route * fates.size() + fate].increment();
        long micros = Math.max(0, Math.min(MAX_MICROS, nanos / 1000));
        latencies[route].recordValue(micros);
    }

    /** What failed recently, for the "last errors" panel. */
    public RecentErrors errors() {
        return errors;
    }

    /**
     * Adds a series sampled from a running total (e.g. replays delivered): each second shows how
     * much it grew. Register before the first {@link #tick}.
     */
    public synchronized LiveStats counter(String name, LongSupplier total) {
        counters.put(name, total);
        previousCounters.put(name, total.getAsLong());
        return this;
    }

    /** Adds a series sampled as it stands (e.g. events in the spool). Register before the first tick. */
    public synchronized LiveStats gauge(String name, LongSupplier value) {
        gauges.put(name, value);
        return this;
    }

    /**
     * Closes the second that ends at {@code epochMillis}: called once a second by one timer.
     *
     * <p>Once two minutes are kept, the oldest second's arrays and histograms are refilled for the
     * new one instead of allocating new ones. A copy made every second and kept for two minutes
     * outlives every young collection: the collector copied each of them from survivor space to
     * survivor space up to 15 times, and that copying was most of a young pause under load.
     */
    public synchronized void tick(long epochMillis) {
        Second oldest = seconds.size() >= SECONDS ? seconds.removeFirst() : null;
        long[] perCell = oldest == null ? new long[counts.length] : oldest.counts();
        for (int i = 0; i < counts.length; i++) {
            long now = counts[i].sum();
            perCell[i] = now - previousCounts[i];
            previousCounts[i] = now;
            totals[i] = now;
        }
        Histogram[] perRoute = oldest == null ? new Histogram[latencies.length] : oldest.latencies();
        all.reset();
        for (int i = 0; i < latencies.length; i++) {
            Histogram interval = latencies[i].getIntervalHistogram(recycled[i]);
            if (perRoute[i] == null) {
                perRoute[i] = interval.copy();
            } else {
                interval.copyInto(perRoute[i]);
            }
            recycled[i] = interval;
            all.add(interval);
        }
        Map<String, Long> series = new LinkedHashMap<>();
        for (Map.Entry<String, LongSupplier> counter : counters.entrySet()) {
            long now = counter.getValue().getAsLong();
            series.put(counter.getKey(), Math.max(0, now - previousCounters.get(counter.getKey())));
            previousCounters.put(counter.getKey(), now);
        }
        for (Map.Entry<String, LongSupplier> gauge : gauges.entrySet()) {
            series.put(gauge.getKey(), gauge.getValue().getAsLong());
        }
        StringBuilder overall = new StringBuilder(64);
        latency(overall, all);
        seconds.addLast(new Second(epochMillis, perCell, perRoute, overall.toString(), series));
    }

    /**
     * The closed seconds as one JSON object: {@code now} (rates and percentiles over the last
     * {@value #RECENT} seconds, by route), {@code totals} (by route and fate since start), {@code
     * series} (one entry per second, oldest first) and {@code errors}.
     */
    public synchronized String toJson() {
        StringBuilder out = new StringBuilder(16384);
        List<Second> recent = new ArrayList<>(RECENT);
        Iterator<Second> newestFirst = seconds.descendingIterator();
        while (newestFirst.hasNext() && recent.size() < RECENT) {
            recent.add(newestFirst.next());
        }
        int window = Math.max(1, recent.size());
        out.append("{\"window\":").append(recent.size()).append(",\"now\":{");
        for (int r = 0; r < routes.size(); r++) {
            if (r > 0) {
                out.append(',');
            }
            JsonString.append(out, routes.get(r)).append(":{\"rate\":");
            long all = 0;
            long[] byFate = new long[fates.size()];
            Histogram merged = new Histogram(MAX_MICROS, 2);
            for (Second second : recent) {
                for (int f = 0; f < fates.size(); f++) {
                    long n = second.counts[r * fates.size() + f];
                    byFate[f] += n;
                    all += n;
                }
                merged.add(second.latencies[r]);
            }
            out.append(rate(all, window)).append(",\"fates\":{");
            for (int f = 0; f < fates.size(); f++) {
                if (f > 0) {
                    out.append(',');
                }
                JsonString.append(out, fates.get(f)).append(':').append(rate(byFate[f], window));
            }
            out.append("},\"latencyMs\":");
            latency(out, merged);
            out.append('}');
        }
        out.append("},\"totals\":{");
        for (int r = 0; r < routes.size(); r++) {
            if (r > 0) {
                out.append(',');
            }
            JsonString.append(out, routes.get(r)).append(":{");
            for (int f = 0; f < fates.size(); f++) {
                if (f > 0) {
                    out.append(',');
                }
                JsonString.append(out, fates.get(f)).append(':').append(totals[r * fates.size() + f]);
            }
            out.append('}');
        }
        out.append("},\"series\":[");
        boolean first = true;
        for (Second second : seconds) {
            if (!first) {
                out.append(',');
            }
            first = false;
            second.appendJson(out, routes, fates);
        }
        out.append("],\"errors\":");
        errors.appendJson(out);
        return out.append('}').toString();
    }

    private static String rate(long count, int seconds) {
        return Double.toString(Math.round(count * 10.0 / seconds) / 10.0);
    }

    private static void latency(StringBuilder out, Histogram h) {
        if (h.getTotalCount() == 0) {
            out.append("null");
            return;
        }
        out.append("{\"p50\":")
                .append(millis(h.getValueAtPercentile(50)))
                .append(",\"p95\":")
                .append(millis(h.getValueAtPercentile(95)))
                .append(",\"p99\":")
                .append(millis(h.getValueAtPercentile(99)))
                .append(",\"max\":")
                .append(millis(h.getMaxValue()))
                .append('}');
    }

    private static String millis(long micros) {
        return Double.toString(Math.round(micros / 10.0) / 100.0);
    }

    /** One closed second. */
    private record Second(
            long endMillis, long[] counts, Histogram[] latencies, String latencyJson, Map<String, Long> series) {

        void appendJson(StringBuilder out, List<String> routes, List<String> fates) {
            out.append("{\"t\":").append(endMillis).append(",\"fates\":{");
            for (int f = 0; f < fates.size(); f++) {
                if (f > 0) {
                    out.append(',');
                }
                long n = 0;
                for (int r = 0; r < routes.size(); r++) {
                    n += counts[r * fates.size() + f];
                }
                JsonString.append(out, fates.get(f)).append(':').append(n);
            }
            out.append("},\"routes\":{");
            for (int r = 0; r < routes.size(); r++) {
                if (r > 0) {
                    out.append(',');
                }
                long n = 0;
                for (int f = 0; f < fates.size(); f++) {
                    n += counts[r * fates.size() + f];
                }
                JsonString.append(out, routes.get(r)).append(':').append(n);
            }
            out.append("},\"latencyMs\":").append(latencyJson);
            for (Map.Entry<String, Long> entry : series.entrySet()) {
                out.append(',');
                JsonString.append(out, entry.getKey()).append(':').append(entry.getValue());
            }
            out.append('}');
        }
    }
}
