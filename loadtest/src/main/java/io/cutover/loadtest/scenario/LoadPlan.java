package io.cutover.loadtest.scenario;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One run's load: {@code rate} requests a second (times the profile's multiplier at each moment)
 * over {@code connections} keep-alive connections to {@code target}, for {@code duration} or
 * {@code maxRequests}, whichever ends first. Loopback targets only.
 *
 * @param target where to send; a loopback address
 * @param rate requests per second at a multiplier of 1
 * @param duration how long to send
 * @param maxRequests the most to send
 * @param connections connections (each sends one request at a time)
 * @param profile the rate's multiplier over the run (a spike)
 * @param mix what to send
 */
public record LoadPlan(
        InetSocketAddress target,
        int rate,
        Duration duration,
        long maxRequests,
        int connections,
        RateProfile profile,
        RequestMix mix) {

    public LoadPlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(mix, "mix");
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("target: " + target + " (expected: a loopback address)");
        }
        if (rate < 1 || maxRequests < 1 || connections < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("rate, requests, connections: >= 1; duration: > 0");
        }
    }
}
