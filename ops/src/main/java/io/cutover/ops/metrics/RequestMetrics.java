package io.cutover.ops.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Objects;

/**
 * Every request by what SREs slice it by: {@code cutover_requests_total{endpoint, route, fate,
 * status}} and {@code cutover_route_duration_seconds{endpoint, route}}, the latency histogram a
 * p50/p95/p99 per route is computed from.
 *
 * <p>The endpoint is the link kind ({@code r.cfm} … {@code other}); the route says who answered
 * ({@code primary}, {@code legacy}, {@code local} for Cutover's own answer, {@code none} for a
 * request refused before routing); the fate is the event's ({@code primary} … {@code rejected},
 * {@code untracked} for a pass-through); the status is the code answered to the client, one of
 * {@link #STATUSES} or its class ({@code 2xx} …) for any other, so that a backend sending odd
 * codes cannot grow the series without bound.
 *
 * <p>Every series is bound at construction: the hot path indexes arrays and builds nothing.
 */
public final class RequestMetrics {

    /** Who answered a request. */
    public static final List<String> ROUTES = List.of("primary", "legacy", "local", "none");

    /** The fate of a request that is not tracked (a pass-through), beside the events' fates. */
    public static final String UNTRACKED = "untracked";

    /** The status codes kept as themselves; any other is counted under its class. */
    public static final List<Integer> STATUSES = List.of(
            200, 204, 301, 302, 303, 304, 307, 308, 400, 403, 404, 405, 408, 413, 414, 429, 431, 500, 502, 503, 504);

    private static final List<String> CLASSES = List.of("1xx", "2xx", "3xx", "4xx", "5xx", "other");

    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("endpoint");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");
    static final AttributeKey<String> FATE = AttributeKey.stringKey("fate");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");

    private final List<String> endpoints;
    private final List<String> fates;
    private final int statusSlots;
    private final int[] statusSlot = new int[600];
    private final LongCounter requests;
    private final DoubleHistogram duration;
    private final Attributes[] requestTags;
    private final Attributes[] durationTags;

    /**
     * @param endpoints the endpoint tags, in the order callers index them
     * @param fates the event fates, in the order callers index them; {@link #UNTRACKED} is added
     *     after them
     */
    public RequestMetrics(Meter meter, List<String> endpoints, List<String> fates) {
        Objects.requireNonNull(meter, "meter");
        this.endpoints = List.copyOf(endpoints);
        List<String> allFates = new java.util.ArrayList<>(fates);
        allFates.add(UNTRACKED);
        this.fates = List.copyOf(allFates);
        this.requests = meter.counterBuilder("cutover.requests")
                .setDescription("Requests answered, by endpoint, route (who answered), fate and status.")
                .build();
        this.duration = meter.histogramBuilder("cutover.route.duration")
                .setDescription("Time from a request's arrival to its answer, by endpoint and route.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(EventMetrics.DURATION_BUCKETS_SECONDS)
                .build();
        java.util.Arrays.fill(statusSlot, -1);
        List<String> statusTags = new java.util.ArrayList<>();
        for (int code : STATUSES) {
            statusSlot[code] = statusTags.size();
            statusTags.add(Integer.toString(code));
        }
        int classBase = statusTags.size();
        statusTags.addAll(CLASSES);
        for (int code = 0; code < statusSlot.length; code++) {
            if (statusSlot[code] < 0) {
                statusSlot[code] = classBase + (code >= 100 ? code / 100 - 1 : CLASSES.size() - 1);
            }
        }
        this.statusSlots = statusTags.size();
        int e = this.endpoints.size();
        int r = ROUTES.size();
        int f = this.fates.size();
        this.requestTags = new Attributes[e * r * f * statusSlots];
        this.durationTags = new Attributes[e * r];
        for (int ei = 0; ei < e; ei++) {
            for (int ri = 0; ri < r; ri++) {
                durationTags[ei * r + ri] = Attributes.of(ENDPOINT, this.endpoints.get(ei), ROUTE, ROUTES.get(ri));
                for (int fi = 0; fi < f; fi++) {
                    for (int si = 0; si < statusSlots; si++) {
                        requestTags[((ei * r + ri) * f + fi) * statusSlots + si] = Attributes.of(
                                ENDPOINT,
                                this.endpoints.get(ei),
                                ROUTE,
                                ROUTES.get(ri),
                                FATE,
                                this.fates.get(fi),
                                STATUS,
                                statusTags.get(si));
                    }
                }
            }
        }
    }

    /** The position of {@link #UNTRACKED} among the fates. */
    public int untracked() {
        return fates.size() - 1;
    }

    /**
     * Counts one answered request and its latency.
     *
     * @param endpoint index into the constructor's endpoints
     * @param route index into {@link #ROUTES}
     * @param fate index into the constructor's fates, or {@link #untracked()}
     * @param status the status code answered to the client
     */
    public void answered(int endpoint, int route, int fate, int status, long nanos) {
        int r = ROUTES.size();
        int slot = status >= 0 && status < statusSlot.length ? statusSlot[status] : statusSlots - 1;
        requests.add(1, requestTags[((endpoint * r + route) * fates.size() + fate) * statusSlots + slot]);
        duration.record(EventMetrics.seconds(nanos), durationTags[endpoint * r + route]);
    }

    /** The status tag a code is counted under: itself, or its class. */
    public static String statusTag(int status) {
        if (STATUSES.contains(status)) {
            return Integer.toString(status);
        }
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
    }
}
