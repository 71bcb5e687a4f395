package io.cutover.ops.synthetic;

import io.cutover.ops.json.JsonString;
import java.time.Duration;
import java.time.Instant;

/**
 * The synthetic click's state: {@code off} (not configured), {@code pending} (no run yet), {@code
 * ok} (the last click landed where expected and its event was recorded) or {@code failing}.
 *
 * @param state one of {@code off}, {@code pending}, {@code ok}, {@code failing}
 * @param interval time between two clicks
 * @param lastRun when the last click was sent; {@code null} before the first
 * @param lastSuccess when a click last passed; {@code null} if none has
 * @param result the last run's result, e.g. {@code ok}, {@code bad_landing}; {@code null} before the first
 * @param detail what the last failed check saw, empty when it passed
 * @param eventId the last click's event ID, {@code null} when it got none
 * @param latencyMillis how long the last run took
 * @param consecutiveFailures failed runs since the last success
 * @param runs runs so far
 */
public record SyntheticReport(
        String state,
        Duration interval,
        Instant lastRun,
        Instant lastSuccess,
        String result,
        String detail,
        String eventId,
        long latencyMillis,
        long consecutiveFailures,
        long runs) {

    public static final String OFF = "off";
    public static final String PENDING = "pending";
    public static final String OK = "ok";
    public static final String FAILING = "failing";

    /** The report of a prober that does not run. */
    public static SyntheticReport off(Duration interval) {
        return new SyntheticReport(OFF, interval, null, null, null, "", null, 0, 0, 0);
    }

    /** The report of a prober that has not run yet. */
    public static SyntheticReport pending(Duration interval) {
        return new SyntheticReport(PENDING, interval, null, null, null, "", null, 0, 0, 0);
    }

    public boolean ok() {
        return state.equals(OK);
    }

    /**
     * One JSON object for the {@code synthetic} field of the admin state and the dashboard: {@code
     * enabled}, {@code ok} (null before the first run), {@code lastAt} and {@code lastSuccessAt}
     * (epoch milliseconds, null before), {@code detail}, then {@code state}, {@code result},
     * {@code eventId}, {@code latencyMs}, {@code consecutiveFailures}, {@code runs} and {@code
     * intervalSeconds}.
     */
    public String toJson() {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"enabled\":").append(!state.equals(OFF));
        out.append(",\"ok\":").append(lastRun == null ? "null" : Boolean.toString(ok()));
        out.append(",\"lastAt\":").append(lastRun == null ? "null" : Long.toString(lastRun.toEpochMilli()));
        out.append(",\"lastSuccessAt\":")
                .append(lastSuccess == null ? "null" : Long.toString(lastSuccess.toEpochMilli()));
        out.append(",\"detail\":");
        JsonString.append(out, detail);
        out.append(",\"state\":");
        JsonString.append(out, state);
        out.append(",\"result\":");
        JsonString.append(out, result);
        out.append(",\"eventId\":");
        JsonString.append(out, eventId);
        out.append(",\"latencyMs\":").append(latencyMillis);
        out.append(",\"consecutiveFailures\":").append(consecutiveFailures);
        out.append(",\"runs\":").append(runs);
        out.append(",\"intervalSeconds\":").append(interval.toSeconds());
        return out.append('}').toString();
    }
}
