package io.cutover.loadtest.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A run's report: one HTML file with its plots drawn as inline SVG (no script, no external asset,
 * it opens from disk anywhere) and a JSON summary beside it.
 */
public final class LoadReport {

    /** A result with the name it has in a report (a target, a scenario). */
    public record Named(String name, LoadResult result) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] PERCENTILE_COLOURS = {"#1b9e77", "#7570b3", "#d95f02", "#e7298a", "#666666"};
    private static final String[] FATE_COLOURS = {
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
    };

    private LoadReport() {}

    /** Writes {@code NAME.html} and {@code NAME.json} into {@code dir}; returns the HTML file. */
    public static Path write(Path dir, String name, String title, LoadResult result) throws IOException {
        return write(dir, name, title, "", List.of(new Named(title, result)), Map.of());
    }

    /**
     * Writes a report of several runs (e.g. the targets of a comparison): {@code intro} is HTML put
     * above the plots, {@code extra} is added to the JSON summary.
     */
    public static Path write(
            Path dir, String name, String title, String intro, List<Named> runs, Map<String, Object> extra)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new java.util.LinkedHashMap<>(extra);
        List<Object> summaries = new ArrayList<>();
        for (Named run : runs) {
            summaries.add(LoadSummary.of(run.name(), run.result()));
        }
        json.put("runs", summaries);
        Files.writeString(dir.resolve(name + ".json"), JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        Path html = dir.resolve(name + ".html");
        Files.writeString(html, html(title, intro, runs), StandardCharsets.UTF_8);
        return html;
    }

    static String html(String title, String intro, List<Named> runs) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title>\n<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}"
                        + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
                        + "svg{display:block;margin:4px 0 20px}h2{margin-top:32px}.muted{color:#666}</style>"
                        + "</head><body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n")
                .append(intro)
                .append('\n');
        for (Named run : runs) {
            section(out, run);
        }
        return out.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder out, Named run) {
        LoadResult r = run.result();
        LoadPlan plan = r.plan();
        out.append("<h2>")
                .append(escape(run.name()))
                .append("</h2>\n<p class=\"muted\">")
                .append(escape(String.format(
                        Locale.ROOT,
                        "%s, %s, up to %,d requests, %d connections at most, %d%% on a new connection, timeout %d ms;"
                                + " started %s; stopped by %s",
                        plan.model().describe(),
                        plan.duration(),
                        plan.maxRequests(),
                        plan.connections().maxConnections(),
                        plan.connections().newConnectionPercent(),
                        plan.timeout().toMillis(),
                        r.startedAt(),
                        r.stop().tag())))
                .append("</p>\n<table><tr><th></th><th>sent</th><th>req/s</th><th>p50 ms</th><th>p90 ms</th>"
                        + "<th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>failed</th></tr>\n");
        row(out, "all", r.sent(), r.requestsPerSecond(), r.latency(), r.failed());
        for (var endpoint : new TreeSet<>(r.latencyByEndpoint().keySet())) {
            var h = r.latencyByEndpoint().get(endpoint);
            row(out, endpoint, h.getTotalCount(), Double.NaN, h, -1);
        }
        out.append("</table>\n<p>Fates: ");
        for (var fate : new TreeSet<>(r.fates().keySet())) {
            out.append(escape(fate))
                    .append(" ")
                    .append(String.format(Locale.ROOT, "%,d", r.fate(fate)))
                    .append("; ");
        }
        out.append("</p>\n");
        out.append(latencyPlot(r));
        out.append(fatePlot(r));
    }

    private static void row(
            StringBuilder out, String name, long sent, double rate, org.HdrHistogram.Histogram h, long failed) {
        out.append("<tr><td>").append(escape(name)).append("</td>");
        out.append(String.format(Locale.ROOT, "<td>%,d</td>", sent));
        out.append(Double.isNaN(rate) ? "<td></td>" : String.format(Locale.ROOT, "<td>%,.0f</td>", rate));
        for (double p : new double[] {50, 90, 99, 99.9}) {
            out.append(String.format(
                    Locale.ROOT, "<td>%.3f</td>", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1e6));
        }
        out.append(String.format(Locale.ROOT, "<td>%.3f</td>", h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1e6));
        out.append(failed < 0 ? "<td></td>" : String.format(Locale.ROOT, "<td>%,d</td>", failed));
        out.append("</tr>\n");
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int RIGHT = 150;
    private static final int TOP = 20;
    private static final int BOTTOM = 30;

    /** p50 … max per slot, on a log scale (loopback latencies and outage stalls differ by 1000×). */
    static String latencyPlot(LoadResult r) {
        List<TimeSlot> slots = r.slots();
        double max = 0.01;
        for (TimeSlot s : slots) {
            if (s.latency().getTotalCount() > 0) {
                max = Math.max(max, s.latency().getMaxValue() / 1e6);
            }
        }
        double low = 0.01;
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        StringBuilder svg = open("latency (ms, log scale) by slot, from when each request was due");
        double seconds = totalSeconds(r);
        faultBands(svg, r, seconds);
        for (double tick = low; tick <= high * 1.0001; tick *= 10) {
            double y = yLog(tick, low, high);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" "
                            + "text-anchor=\"end\" font-size=\"11\">%s</text>\n",
                    LEFT,
                    WIDTH - RIGHT,
                    y,
                    y,
                    LEFT - 4,
                    y + 4,
                    tick < 1 ? String.valueOf(tick) : String.valueOf((long) tick)));
        }
        timeAxis(svg, seconds);
        double[] percentiles = {50, 90, 99, 99.9, 100};
        String[] names = {"p50", "p90", "p99", "p99.9", "max"};
        for (int p = 0; p < percentiles.length; p++) {
            StringBuilder points = new StringBuilder();
            for (TimeSlot s : slots) {
                if (s.latency().getTotalCount() == 0) {
                    continue;
                }
                double v = percentiles[p] == 100
                        ? s.latency().getMaxValue()
                        : s.latency().getValueAtPercentile(percentiles[p]);
                double x = x(s.start().toNanos() / 1e9 + r.plan().slot().toNanos() / 2e9, seconds);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yLog(Math.max(v / 1e6, low), low, high)));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                    .append(PERCENTILE_COLOURS[p])
                    .append("\" points=\"")
                    .append(points)
                    .append("\"/>\n");
            legend(svg, p, names[p], PERCENTILE_COLOURS[p]);
        }
        return svg.append("</svg>\n").toString();
    }

    /** Answers per second by slot, stacked by fate. */
    static String fatePlot(LoadResult r) {
        List<TimeSlot> slots = r.slots();
        List<String> fates = new ArrayList<>(new TreeSet<>(r.fates().keySet()));
        double slotSeconds = r.plan().slot().toNanos() / 1e9;
        double max = 1;
        for (TimeSlot s : slots) {
            max = Math.max(max, s.ended() / slotSeconds);
        }
        double high = niceCeiling(max);
        double seconds = totalSeconds(r);
        StringBuilder svg = open("answers per second by slot, stacked by fate");
        faultBands(svg, r, seconds);
        for (int i = 0; i <= 4; i++) {
            double value = high * i / 4;
            double y = yLinear(value, high);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" "
                            + "text-anchor=\"end\" font-size=\"11\">%,.0f</text>\n",
                    LEFT,
                    WIDTH - RIGHT,
                    y,
                    y,
                    LEFT - 4,
                    y + 4,
                    value));
        }
        timeAxis(svg, seconds);
        double barWidth = Math.max(1, (x(slotSeconds, seconds) - x(0, seconds)) - 1);
        for (TimeSlot s : slots) {
            double base = 0;
            double x = x(s.start().toNanos() / 1e9, seconds);
            for (int f = 0; f < fates.size(); f++) {
                long n = s.fates().getOrDefault(fates.get(f), 0L);
                if (n == 0) {
                    continue;
                }
                double top = base + n / slotSeconds;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %,d</title></rect>\n",
                        x,
                        yLinear(top, high),
                        barWidth,
                        yLinear(base, high) - yLinear(top, high),
                        FATE_COLOURS[f % FATE_COLOURS.length],
                        escape(fates.get(f)),
                        n));
                base = top;
            }
        }
        for (int f = 0; f < fates.size(); f++) {
            legend(svg, f, fates.get(f), FATE_COLOURS[f % FATE_COLOURS.length]);
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String caption) {
        StringBuilder svg = new StringBuilder(16 * 1024);
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
                        + "<title>%s</title><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>"
                        + "<text x=\"%d\" y=\"13\" font-size=\"12\">%s</text>\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                escape(caption),
                LEFT,
                escape(caption)));
        return svg;
    }

    private static void faultBands(StringBuilder svg, LoadResult r, double seconds) {
        for (FaultWindow fault : r.faults()) {
            double x1 = x(fault.start().toNanos() / 1e9, seconds);
            double x2 = x(fault.end().toNanos() / 1e9, seconds);
            if (fault.instant()) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/>",
                        x1,
                        x1,
                        TOP,
                        HEIGHT - BOTTOM));
            } else {
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4c7c3\" fill-opacity=\"0.6\"/>",
                        x1,
                        TOP,
                        Math.max(1, x2 - x1),
                        HEIGHT - BOTTOM - TOP));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#a00\">%s</text>\n",
                    x1 + 2,
                    TOP + 11,
                    escape(fault.name())));
        }
    }

    private static void timeAxis(StringBuilder svg, double seconds) {
        double step = niceCeiling(seconds / 10);
        for (double t = 0; t <= seconds + 1e-9; t += step) {
            double x = x(t, seconds);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/><text x=\"%.1f\" y=\"%d\" "
                            + "text-anchor=\"middle\" font-size=\"11\">%s s</text>\n",
                    x,
                    x,
                    HEIGHT - BOTTOM,
                    HEIGHT - BOTTOM + 4,
                    x,
                    HEIGHT - BOTTOM + 16,
                    trim(t)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n",
                LEFT,
                WIDTH - RIGHT,
                HEIGHT - BOTTOM,
                HEIGHT - BOTTOM));
    }

    private static void legend(StringBuilder svg, int index, String name, String colour) {
        int y = TOP + 10 + index * 16;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n",
                WIDTH - RIGHT + 12,
                y - 9,
                colour,
                WIDTH - RIGHT + 30,
                y,
                escape(name)));
    }

    private static double totalSeconds(LoadResult r) {
        return Math.max(
                r.elapsed().toNanos() / 1e9, r.slots().size() * r.plan().slot().toNanos() / 1e9);
    }

    private static double x(double t, double seconds) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.min(1, t / Math.max(seconds, 1e-9));
    }

    private static double yLog(double v, double low, double high) {
        double f = (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * Math.max(0, Math.min(1, f));
    }

    private static double yLinear(double v, double high) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * Math.max(0, Math.min(1, v / high));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String trim(double t) {
        return t == Math.rint(t) ? String.valueOf((long) t) : String.format(Locale.ROOT, "%.1f", t);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
