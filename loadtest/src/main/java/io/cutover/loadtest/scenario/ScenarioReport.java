package io.cutover.loadtest.scenario;

import io.cutover.loadtest.ledger.Reconciliation;
import io.cutover.loadtest.load.FaultWindow;
import io.cutover.loadtest.load.LoadReport;
import io.cutover.loadtest.load.LoadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scenario's result as text for the terminal, and as the load report (HTML plots with the
 * fault windows shaded, and the JSON summary) with the ledger added.
 */
public final class ScenarioReport {

    private ScenarioReport() {}

    public static void print(ScenarioResult r, PrintStream out) {
        ScenarioOptions o = r.options();
        LoadResult load = r.load();
        out.printf("scenario %s: %s%n", r.scenario().label(), r.scenario().description());
        out.printf(
                "load: %s for %d s over up to %d connections (at most %d requests), %d event loops%n",
                load.plan().model().describe(),
                o.duration().toSeconds(),
                o.connections(),
                o.maxRequests(),
                o.eventLoops());
        out.println("fault windows (from the load's start):");
        if (load.faults().isEmpty()) {
            out.println("  none");
        }
        for (FaultWindow window : load.faults()) {
            out.printf(
                    "  %s %.2f s – %.2f s%n",
                    window.name(), window.start().toNanos() / 1e9, window.end().toNanos() / 1e9);
        }
        out.printf(
                "sent %d requests in %.1f s: fates %s; unanswered %d%s%n",
                load.sent(),
                load.sendingTime().toNanos() / 1e9,
                new TreeMap<>(load.fates()),
                r.unanswered(),
                r.failureSamples().isEmpty() ? "" : " " + r.failureSamples());
        out.printf(
                "latency from when due: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                load.millis(50),
                load.millis(90),
                load.millis(99),
                load.millis(99.9),
                load.latency().getMaxValue() / 1e6);
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
        if (r.countedButUnanswered() > 0 || r.scenario().childProcess()) {
            out.printf(
                    "counted though never answered (the client gave up, or a kill): %d (at most the %d unanswered)%n",
                    r.countedButUnanswered(), r.unanswered());
        }
        if (r.scenario().childProcess()) {
            out.printf(
                    "fates lost with the killed process's last log lines: %d%n",
                    l.unrecorded().size());
        }
        out.printf(
                "lost %d, double-counted %d, misrouted %d — %s%n",
                l.lost().size(), l.doubleCounted().size(), l.misrouted().size(), r.passes() ? "PASS" : "FAIL");
    }

    /** {@code report.html} and {@code report.json} in the run's folder; returns the HTML's path. */
    public static Path write(ScenarioResult r) throws IOException {
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
        ledger.put("counted_but_unanswered", r.countedButUnanswered());
        ledger.put("unanswered", r.unanswered());
        ledger.put("drained", r.drained());
        ledger.put("drain_ms", r.drainTook().toMillis());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("scenario", r.scenario().label());
        extra.put("description", r.scenario().description());
        extra.put("ledger", ledger);
        extra.put("pass", r.passes());
        String intro = "<p>" + escape(r.scenario().description()) + "</p><p>ledger: " + escape(l.summary()) + "</p>";
        return LoadReport.write(
                r.options().workDir(),
                "report",
                "scenario " + r.scenario().label(),
                intro,
                List.of(new LoadReport.Named(r.scenario().label(), r.load())),
                extra);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
