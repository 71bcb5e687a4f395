package io.cutover.proxy.config;

import java.time.Duration;

/** Parses human durations as config files write them: {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 30d}. */
final class Durations {

    private Durations() {}

    /** The duration, or {@code null} when the text is not one (a bare number is not: units matter). */
    static Duration parse(String text) {
        String s = text.trim();
        int unitStart = 0;
        if (unitStart < s.length() && s.charAt(unitStart) == '-') {
            unitStart++;
        }
        int digitsStart = unitStart;
        while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == digitsStart || unitStart > digitsStart + 12) {
            return null;
        }
        long amount = Long.parseLong(s.substring(0, unitStart));
        switch (s.substring(unitStart).trim()) {
            case "us":
                return Duration.ofNanos(amount * 1_000);
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                return null;
        }
    }

    /** The shortest exact text for a duration, e.g. {@code 800ms}, {@code 30s}. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000 + "us";
    }
}
