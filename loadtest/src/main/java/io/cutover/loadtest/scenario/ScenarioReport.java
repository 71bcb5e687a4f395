package io.cutover.loadtest.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cutover.loadtest.ledger.Reconciliation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario's result as text for the terminal and as a JSON summary (fault windows included, for plots). */
public final class ScenarioReport {

    private ScenarioReport() {}

    public static void print(ScenarioResult r, PrintStream out) {
        ScenarioOptions o = r.options();
        out.printf("scenario %s: %s%n", r.scenario().label(), r.scenario().description());
        out.printf(
                "load: %d/s for %d s over %d connections (at most %d requests), %d event loops%n",
                o.rate(), o.duration().toSeconds(), o.connections(), o.maxRequests(), o.eventLoops());
        out.println("fault windows (from the load's start):");
        if (r.windows().isEmpty()) {
            out.println("  none");
        }
        for (FaultWindow window : r.windows()) {
            out.println("  " + window);
        }
        out.printf(
                "sent %d requests in %.1f s: answered %s, unanswered %d%s%n",
                r.requests(),
                r.loadTook().toMillis() / 1e3,
                r.statuses(),
                r.unanswered(),
                r.failureSamples().isEmpty() ? "" : " " + r.failureSamples());
        out.printf(
                "latency from when due: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                r.millis(50),
                r.millis(90),
                r.millis(99),
                r.millis(99.9),
                r.latency().getMaxValue() / 1e6);
        out.printf(
                "drain: %s in %.1f s%n",
                r.drained() ? "queue and spool empty" : "NOT empty",
                r.drainTook().toMillis() / 1e3);
        Reconciliation l = r.ledger();
        out.println("ledger: " + l.summary());
        if (r.withoutEventId() > 0 || r.repeatedEventId() > 0) {
            out.printf(
                    "untraceable answers: %d without an event ID, %d with one given twice%n",
                    r.withoutEventId(), r.repeatedEventId());
        }
        if (r.scenario().childProcess()) {
            out.printf(
                    "in flight at the kill (counted, never answered): %d (at most the %d unanswered);"
                            + " fates lost with the killed process's last log lines: %d%n",
                    r.inFlightAtKill(), r.unanswered(), l.unrecorded().size());
        }
        out.printf(
                "lost %d, double-counted %d, misrouted %d — %s%n",
                l.lost().size(), l.doubleCounted().size(), l.misrouted().size(), r.passes() ? "PASS" : "FAIL");
    }

    /** The JSON summary: the figures, the windows in milliseconds, the ledger's counts. */
    public static void writeJson(ScenarioResult r, Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", r.scenario().label());
        json.put("description", r.scenario().description());
        ScenarioOptions o = r.options();
        json.put("rate", o.rate());
        json.put("duration_ms", o.duration().toMillis());
        json.put("connections", o.connections());
        json.put("event_loops", o.eventLoops());
        List<Map<String, Object>> windows = new ArrayList<>();
        for (FaultWindow w : r.windows()) {
            windows.add(Map.of("label", w.label(), "from_ms", w.from().toMillis(), "to_ms", w.to().toMillis()));
        }
        json.put("fault_windows", windows);
        json.put("requests", r.requests());
        Map<String, Long> statuses = new LinkedHashMap<>();
        r.statuses().forEach((status, count) -> statuses.put(Integer.toString(status), count));
        json.put("statuses", statuses);
        json.put("unanswered", r.unanswered());
        Map<String, Object> latency = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99, 99.9}) {
            latency.put("p" + (p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p)), r.millis(p));
        }
        latency.put("max", r.latency().getMaxValue() / 1e6);
        json.put("latency_ms", latency);
        json.put("drained", r.drained());
        json.put("drain_ms", r.drainTook().toMillis());
        Reconciliation l = r.ledger();
        Map<String, Object> ledger = new LinkedHashMap<>();
        ledger.put("sent", l.sent());
        ledger.put("first_fates", l.firstFates());
        ledger.put("counted", l.counted());
        ledger.put("queued", l.queued());
        ledger.put("spooled", l.spooled());
        ledger.put("dead", l.dead());
        ledger.put("rejected", l.rejected());
        ledger.put("duplicates_dropped", l.duplicatesDropped());
        ledger.put("lost", l.lost().size());
        ledger.put("double_counted", l.doubleCounted().size());
        ledger.put("misrouted", l.misrouted().size());
        ledger.put("unrecorded", l.unrecorded().size());
        ledger.put("recorded_twice", l.recordedTwice().size());
        ledger.put("unexpected", l.unexpected().size());
        ledger.put("inconsistent", l.inconsistent().size());
        json.put("ledger", ledger);
        json.put("in_flight_at_kill", r.inFlightAtKill());
        json.put("pass", r.passes());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
