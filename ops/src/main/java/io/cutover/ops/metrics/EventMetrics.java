package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of the request's way: events by kind and fate with their end-to-end duration,
 * backend attempts by backend and outcome with theirs, pass-through responses by status class,
 * and rejections by reason.
 *
 * <p>Every tagged series is bound once, at construction, to a small handle; the hot path looks a
 * handle up (by name through a pre-built map, or by index into the vocabulary's lists) and
 * records on it, with no {@link Attributes} built and no string joined per request. A name that
 * is not in the vocabulary is a programming error and fails the look-up with
 * {@link IllegalArgumentException}, rather than silently recording nothing.
 */
public final class EventMetrics {

    /**
     * Bucket bounds of both duration histograms, in seconds: fine below 10 ms where a healthy
     * proxy hop lives, coarse up to the 2 s beyond which a click has long been answered locally.
     */
    public static final List<Double> DURATION_BUCKETS_SECONDS =
            List.of(0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.0);

    /** The status classes of pass-through responses; codes outside 200–599 count as {@code other}. */
    public static final List<String> STATUS_CLASSES = List.of("2xx", "3xx", "4xx", "5xx", "other");

    static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");
    static final AttributeKey<String> FATE = AttributeKey.stringKey("fate");
    static final AttributeKey<String> BACKEND = AttributeKey.stringKey("backend");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    static final AttributeKey<String> STATUS_CLASS = AttributeKey.stringKey("status_class");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final TagVocabulary vocabulary;
    private final Map<String, Integer> kindIndex;
    private final Map<String, Integer> fateIndex;
    private final Map<String, Integer> backendIndex;
    private final Map<String, Integer> attemptOutcomeIndex;
    private final Map<String, Integer> reasonIndex;
    private final Timed[] outcomes;
    private final Timed[] attempts;
    private final Tally[] passthrough;
    private final Tally[] rejected;

    /** Creates the instruments on {@code meter} and binds one handle per tag combination. */
    public EventMetrics(Meter meter, TagVocabulary vocabulary) {
        Objects.requireNonNull(meter, "meter");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.kindIndex = TagVocabulary.indexOf(vocabulary.kinds());
        this.fateIndex = TagVocabulary.indexOf(vocabulary.fates());
        this.backendIndex = TagVocabulary.indexOf(vocabulary.backends());
        this.attemptOutcomeIndex = TagVocabulary.indexOf(vocabulary.attemptOutcomes());
        this.reasonIndex = TagVocabulary.indexOf(vocabulary.rejectionReasons());

        LongCounter events = meter.counterBuilder("cutover.events")
                .setDescription("Tracked requests by link kind and final fate.")
                .build();
        DoubleHistogram eventDuration = meter.histogramBuilder("cutover.request.duration")
                .setDescription("Time from a tracked request's arrival to its answer, by kind and fate.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS_SECONDS)
                .build();
        LongCounter attemptCount = meter.counterBuilder("cutover.backend.attempts")
                .setDescription("Attempts to reach a backend, by backend and outcome.")
                .build();
        DoubleHistogram attemptDuration = meter.histogramBuilder("cutover.backend.duration")
                .setDescription("Time of one backend attempt until its response head or failure.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS_SECONDS)
                .build();
        LongCounter passthroughCount = meter.counterBuilder("cutover.passthrough")
                .setDescription("Untracked requests relayed to the legacy backend, by response status class.")
                .build();
        LongCounter rejectedCount = meter.counterBuilder("cutover.rejected")
                .setDescription("Requests refused before routing, by reason.")
                .build();

        List<String> kinds = vocabulary.kinds();
        List<String> fates = vocabulary.fates();
        this.outcomes = new Timed[kinds.size() * fates.size()];
        for (int k = 0; k < kinds.size(); k++) {
            for (int f = 0; f < fates.size(); f++) {
                Attributes tags = Attributes.of(KIND, kinds.get(k), FATE, fates.get(f));
                outcomes[k * fates.size() + f] = new Timed(events, eventDuration, tags);
            }
        }
        List<String> backends = vocabulary.backends();
        List<String> results = vocabulary.attemptOutcomes();
        this.attempts = new Timed[backends.size() * results.size()];
        for (int b = 0; b < backends.size(); b++) {
            for (int o = 0; o < results.size(); o++) {
                Attributes tags = Attributes.of(BACKEND, backends.get(b), OUTCOME, results.get(o));
                attempts[b * results.size() + o] = new Timed(attemptCount, attemptDuration, tags);
            }
        }
        this.passthrough = tallies(passthroughCount, STATUS_CLASS, STATUS_CLASSES);
        this.rejected = tallies(rejectedCount, REASON, vocabulary.rejectionReasons());
    }

    private static Tally[] tallies(LongCounter counter, AttributeKey<String> key, List<String> values) {
        Tally[] tallies = new Tally[values.size()];
        for (int i = 0; i < values.size(); i++) {
            tallies[i] = new Tally(counter, Attributes.of(key, values.get(i)));
        }
        return tallies;
    }

    /** The vocabulary the handles were bound for. */
    public TagVocabulary vocabulary() {
        return vocabulary;
    }

    /** The handle for events of {@code kind} that ended in {@code fate}. */
    public Timed outcome(String kind, String fate) {
        return outcome(
                index("kind", kindIndex, vocabulary.kinds(), kind), index("fate", fateIndex, vocabulary.fates(), fate));
    }

    /** The handle by position in {@link TagVocabulary#kinds()} and {@link TagVocabulary#fates()}. */
    public Timed outcome(int kind, int fate) {
        int fates = vocabulary.fates().size();
        checkIndex("kind", kind, vocabulary.kinds().size());
        checkIndex("fate", fate, fates);
        return outcomes[kind * fates + fate];
    }

    /** The handle for attempts on {@code backend} that ended with {@code outcome}. */
    public Timed attempt(String backend, String outcome) {
        return attempt(
                index("backend", backendIndex, vocabulary.backends(), backend),
                index("outcome", attemptOutcomeIndex, vocabulary.attemptOutcomes(), outcome));
    }

    /** The handle by position in {@link TagVocabulary#backends()} and {@link TagVocabulary#attemptOutcomes()}. */
    public Timed attempt(int backend, int outcome) {
        int results = vocabulary.attemptOutcomes().size();
        checkIndex("backend", backend, vocabulary.backends().size());
        checkIndex("outcome", outcome, results);
        return attempts[backend * results + outcome];
    }

    /**
     * The pass-through counter for a response with HTTP status {@code statusCode}. Total: the
     * code comes from a backend, so an out-of-range one is counted as {@code other}, never thrown.
     */
    public Tally passthrough(int statusCode) {
        int cls = statusCode >= 200 && statusCode <= 599 ? statusCode / 100 - 2 : STATUS_CLASSES.size() - 1;
        return passthrough[cls];
    }

    /** The rejection counter for {@code reason}. */
    public Tally rejected(String reason) {
        return rejected[index("reason", reasonIndex, vocabulary.rejectionReasons(), reason)];
    }

    /** The rejection counter by position in {@link TagVocabulary#rejectionReasons()}. */
    public Tally rejected(int reason) {
        checkIndex("reason", reason, rejected.length);
        return rejected[reason];
    }

    private static int index(String tag, Map<String, Integer> index, List<String> values, String value) {
        Integer position = value == null ? null : index.get(value);
        if (position == null) {
            throw new IllegalArgumentException(tag + ": '" + value + "' (expected: one of " + values + ")");
        }
        return position;
    }

    private static void checkIndex(String tag, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(tag + ": " + index + " (expected: 0.." + (size - 1) + ")");
        }
    }

    static double seconds(long nanos) {
        // A negative duration can only come from a caller's arithmetic slip; count it as zero
        // rather than let the SDK drop the measurement and lose the event from the count.
        return nanos <= 0 ? 0.0 : nanos / NANOS_PER_SECOND;
    }

    /**
     * One series pair of a counter and a duration histogram: a (kind, fate) of events or a
     * (backend, outcome) of attempts.
     */
    public static final class Timed {
        private final LongCounter count;
        private final DoubleHistogram duration;
        private final Attributes tags;

        Timed(LongCounter count, DoubleHistogram duration, Attributes tags) {
            this.count = count;
            this.duration = duration;
            this.tags = tags;
        }

        /** Counts one event or attempt that took {@code nanos}. */
        public void record(long nanos) {
            count.add(1, tags);
            duration.record(seconds(nanos), tags);
        }

        @Override
        public String toString() {
            return "Timed" + tags;
        }
    }

    /** One series of a plain counter. */
    public static final class Tally {
        private final LongCounter count;
        private final Attributes tags;

        Tally(LongCounter count, Attributes tags) {
            this.count = count;
            this.tags = tags;
        }

        /** Adds one. */
        public void increment() {
            count.add(1, tags);
        }

        @Override
        public String toString() {
            return "Tally" + tags;
        }
    }
}
