package io.cutover.loadtest.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** A run's result as plain maps and lists, for the JSON summary (and the HTML report's table). */
public final class LoadSummary {

    private LoadSummary() {}

    /** The whole summary; latencies in milliseconds, times from the run's start in seconds. */
    public static Map<String, Object> of(String title, LoadResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", title);
        out.put("startedAt", result.startedAt().toString());
        out.put("plan", plan(result.plan()));
        out.put("stop", result.stop().tag());
        out.put("elapsedSeconds", seconds(result.elapsed().toNanos()));
        out.put("sendingSeconds", seconds(result.sendingTime().toNanos()));
        out.put("sent", result.sent());
        out.put("failed", result.failed());
        out.put("requestsPerSecond", Math.round(result.requestsPerSecond() * 10) / 10.0);
        out.put("connectionsOpened", result.connectionsOpened());
        out.put("latencyMs", percentiles(result.latency()));
        out.put("serviceTimeMs", percentiles(result.serviceTime()));
        Map<String, Object> byEndpoint = new TreeMap<>();
        result.latencyByEndpoint().forEach((endpoint, h) -> byEndpoint.put(endpoint, percentiles(h)));
        out.put("latencyByEndpointMs", byEndpoint);
        out.put("fates", new TreeMap<>(result.fates()));
        Map<String, Long> failures = new TreeMap<>();
        result.failures().forEach((failure, n) -> failures.put(failure.tag(), n));
        out.put("failures", failures);
        List<Map<String, Object>> faults = new ArrayList<>();
        for (FaultWindow fault : result.faults()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", fault.name());
            f.put("startSeconds", seconds(fault.start().toNanos()));
            f.put("endSeconds", seconds(fault.end().toNanos()));
            faults.add(f);
        }
        out.put("faults", faults);
        List<Map<String, Object>> slots = new ArrayList<>();
        for (TimeSlot slot : result.slots()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("startSeconds", seconds(slot.start().toNanos()));
            s.put("sent", slot.sent());
            s.put("ended", slot.ended());
            s.put("latencyMs", percentiles(slot.latency()));
            s.put("fates", new TreeMap<>(slot.fates()));
            slots.add(s);
        }
        out.put("slots", slots);
        return out;
    }

    static Map<String, Object> plan(LoadPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "target",
                plan.target().getAddress().getHostAddress() + ":"
                        + plan.target().getPort());
        out.put("host", plan.hostHeader());
        out.put("model", plan.model().describe());
        out.put("durationSeconds", seconds(plan.duration().toNanos()));
        out.put("maxRequests", plan.maxRequests());
        out.put("maxConnections", plan.connections().maxConnections());
        out.put("newConnectionPercent", plan.connections().newConnectionPercent());
        out.put("timeoutMs", plan.timeout().toMillis());
        out.put("slotMs", plan.slot().toMillis());
        out.put("mix", plan.mix().describe());
        return out;
    }

    /** p50, p90, p99, p99.9 and max in milliseconds (0 for an empty histogram). */
    public static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        out.put("p50", millis(h, 50));
        out.put("p90", millis(h, 90));
        out.put("p99", millis(h, 99));
        out.put("p99.9", millis(h, 99.9));
        out.put("max", h.getTotalCount() == 0 ? 0.0 : round(h.getMaxValue() / 1e6));
        return out;
    }

    private static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0.0 : round(h.getValueAtPercentile(percentile) / 1e6);
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }
}
