package io.cutover.proxy.synthetic;

import io.cutover.failover.Fate;
import io.cutover.ops.admin.SyntheticStatus;
import io.cutover.ops.metrics.SyntheticMetrics;
import io.cutover.ops.synthetic.SyntheticReport;
import io.cutover.proxy.config.SyntheticSettings;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic click: at every interval, sends the designated test click to Cutover's own
 * listener, so it takes the whole way a shopper's click takes (translation, the primary behind its
 * breaker, legacy, the local answer), and checks, in order: that it was answered with a redirect,
 * that the redirect lands where expected, that it carries an event ID, that Cutover recorded the
 * event, that the primary answered it, and, where a confirmation is set (the sandbox's simulated
 * Awin), that the platform itself saw the event. The result goes to {@link SyntheticMetrics} and
 * to {@link #current()} and {@link #toJson()} (the admin state's {@code synthetic} field).
 *
 * <p>Runs on one daemon thread of its own; the click itself goes out on the JDK's HTTP client,
 * never on an event loop. One click at a time: a run that is still going when the next is due
 * makes that one wait.
 */
public final class SyntheticProber implements SyntheticStatus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticProber.class);

    private final SyntheticSettings settings;
    private final URI click;
    private final SyntheticWitness witness;
    private final SyntheticMetrics metrics;
    private final Clock clock;
    private final LongSupplier ticker;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final AtomicReference<SyntheticReport> report;
    private volatile Function<String, CompletableFuture<Boolean>> confirmation;

    /**
     * @param cutover the base URL of Cutover's own client listener, e.g. {@code http://127.0.0.1:8080}
     */
    public SyntheticProber(
            SyntheticSettings settings,
            URI cutover,
            SyntheticWitness witness,
            SyntheticMetrics metrics,
            Clock clock,
            LongSupplier ticker) {
        this.settings = settings;
        this.click = cutover.resolve(settings.click());
        this.witness = witness;
        this.metrics = metrics;
        this.clock = clock;
        this.ticker = ticker;
        this.report = new AtomicReference<>(SyntheticReport.pending(settings.interval()));
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("cutover-synthetic", true));
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Starts clicking: the first click right away, then one per interval. */
    public SyntheticProber start() {
        timer.scheduleWithFixedDelay(this::runOnce, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Also asks the platform whether it saw the event: {@code confirmation} answers true once it
     * has (the sandbox asks the simulated Awin). Where none is set, Cutover's own record is the
     * last check.
     */
    public void confirmWith(Function<String, CompletableFuture<Boolean>> confirmation) {
        this.confirmation = confirmation;
    }

    /** The latest report. */
    public SyntheticReport current() {
        return report.get();
    }

    @Override
    public String toJson() {
        return report.get().toJson();
    }

    /** Sends one click and records its result; returns the report it made. Not on an event loop. */
    public SyntheticReport runOnce() {
        long started = ticker.getAsLong();
        Instant at = clock.instant();
        Outcome outcome;
        try {
            outcome = check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Outcome("no_answer", "interrupted", null);
        } catch (Exception e) {
            outcome = new Outcome("no_answer", String.valueOf(e), null);
        }
        long nanos = ticker.getAsLong() - started;
        metrics.ran(outcome.result, nanos, at.getEpochSecond());
        SyntheticReport before = report.get();
        boolean ok = outcome.result.equals("ok");
        SyntheticReport next = new SyntheticReport(
                ok ? SyntheticReport.OK : SyntheticReport.FAILING,
                settings.interval(),
                at,
                ok ? at : before.lastSuccess(),
                outcome.result,
                outcome.detail,
                outcome.eventId,
                TimeUnit.NANOSECONDS.toMillis(nanos),
                ok ? 0 : before.consecutiveFailures() + 1,
                before.runs() + 1);
        report.set(next);
        if (!ok && before.ok()) {
            LOG.warn("Synthetic click failing: {} ({}), event {}", outcome.result, outcome.detail, outcome.eventId);
        } else if (ok && before.state().equals(SyntheticReport.FAILING)) {
            LOG.info("Synthetic click passing again");
        }
        return next;
    }

    private Outcome check() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(click)
                .timeout(settings.timeout())
                .header("User-Agent", SyntheticWitness.USER_AGENT)
                .GET()
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        String eventId = response.headers().firstValue("X-Cutover-Event-Id").orElse(null);
        int status = response.statusCode();
        if (status < 300 || status > 399) {
            return new Outcome("bad_status", "answered " + status + ", expected a redirect", eventId);
        }
        String location = response.headers().firstValue("Location").orElse("");
        if (!location.startsWith(settings.expectLanding())) {
            return new Outcome(
                    "bad_landing",
                    "landed on '" + location + "', expected '" + settings.expectLanding() + "…'",
                    eventId);
        }
        if (eventId == null) {
            return new Outcome("no_event_id", "no X-Cutover-Event-Id on the answer", null);
        }
        Optional<Fate> fate = witness.fate(eventId);
        if (fate.isEmpty()) {
            return new Outcome("not_recorded", "Cutover has no fate recorded for the event", eventId);
        }
        if (fate.get() != Fate.PRIMARY) {
            return new Outcome("not_primary", "the event ended " + fate.get().tag() + ", not at the primary", eventId);
        }
        Function<String, CompletableFuture<Boolean>> confirm = confirmation;
        if (confirm != null && !confirm.apply(eventId).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            return new Outcome("not_recorded", "the platform has no record of the event", eventId);
        }
        return new Outcome("ok", "", eventId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Outcome(String result, String detail, String eventId) {}

    /** The interval, for messages. */
    public Duration interval() {
        return settings.interval();
    }
}
