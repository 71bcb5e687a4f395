package io.cutover.loadtest.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One run of the load generator: where, how (open rate or closed concurrency), what (the request
 * mix and the connection mix) and its hard bounds. A run stops sending at {@code duration} or after
 * {@code maxRequests}, whichever comes first, and ends at the latest one {@code timeout} later.
 *
 * <p>Targets must be loopback addresses: the generator is for this machine's own servers, never
 * for someone else's.
 *
 * @param hostHeader the Host header every request carries
 * @param timeout how long a request may wait for its whole answer, counted from when it was due
 * @param slot the width of the time slots of the result (histogram and fates per slot)
 * @param seed the seed of the mix's draw
 */
public record LoadPlan(
        InetSocketAddress target,
        String hostHeader,
        LoadModel model,
        Duration duration,
        long maxRequests,
        RequestMix mix,
        ConnectionMix connections,
        Duration timeout,
        Duration slot,
        long seed) {

    /** The longest run the generator accepts. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    public LoadPlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(connections, "connections");
        if (target.isUnresolved() || !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("target: " + target
                    + " (expected: a loopback address, e.g. 127.0.0.1; load goes to this machine only)");
        }
        if (hostHeader.isBlank() || hostHeader.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("host: " + hostHeader + " (expected: a host name)");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0 and <= 1h)");
        }
        if (maxRequests < 1 || maxRequests > 1_000_000_000L) {
            throw new IllegalArgumentException("max requests: " + maxRequests + " (expected: 1 to 1000000000)");
        }
        if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: 1ms to 1m)");
        }
        if (slot.toMillis() < 10 || slot.compareTo(duration) > 0 && slot.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("slot: " + slot + " (expected: >= 10ms and <= the duration or 1s)");
        }
    }

    /** A plan with the usual defaults: Host www.shareasale.com, 5 s timeout, 1 s slots, seed 1. */
    public static LoadPlan of(
            InetSocketAddress target,
            LoadModel model,
            Duration duration,
            long maxRequests,
            RequestMix mix,
            ConnectionMix connections) {
        return new LoadPlan(
                target,
                "www.shareasale.com",
                model,
                duration,
                maxRequests,
                mix,
                connections,
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                1);
    }

    public LoadPlan withTarget(InetSocketAddress other) {
        return new LoadPlan(other, hostHeader, model, duration, maxRequests, mix, connections, timeout, slot, seed);
    }

    public LoadPlan withModel(LoadModel other) {
        return new LoadPlan(target, hostHeader, other, duration, maxRequests, mix, connections, timeout, slot, seed);
    }

    public LoadPlan withDuration(Duration other) {
        return new LoadPlan(target, hostHeader, model, other, maxRequests, mix, connections, timeout, slot, seed);
    }

    public LoadPlan withTimeout(Duration other) {
        return new LoadPlan(target, hostHeader, model, duration, maxRequests, mix, connections, other, slot, seed);
    }

    public LoadPlan withSlot(Duration other) {
        return new LoadPlan(target, hostHeader, model, duration, maxRequests, mix, connections, timeout, other, seed);
    }
}
