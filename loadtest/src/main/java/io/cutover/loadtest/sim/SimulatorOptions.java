package io.cutover.loadtest.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Where and how a simulated platform runs. The defaults suit tests: loopback only, ports chosen by
 * the system (read them back from the started simulator), one event loop, the system clock and an
 * unseeded random source. The sandbox passes fixed ports; a deterministic test passes a fixed clock
 * and a seeded generator.
 *
 * @param bindAddress the address both listeners bind to
 * @param trackingPort the port the platform's tracking endpoints listen on; 0 = any free port
 * @param controlPort the port of the control API; 0 = any free port
 * @param eventLoopThreads threads of the simulator's own event loop group, at least 1
 * @param clock the time for click IDs ({@code awc} timestamps) and request records
 * @param random the source of click IDs; used under a lock, so it need not be thread-safe
 * @param tls the tracking listener's certificate, to serve HTTPS (HTTP/2 and HTTP/1.1); empty
 *     serves plain HTTP/1.1. The control listener stays plain.
 */
public record SimulatorOptions(
        InetAddress bindAddress,
        int trackingPort,
        int controlPort,
        int eventLoopThreads,
        Clock clock,
        RandomGenerator random,
        Optional<SimulatorTls> tls) {

    public SimulatorOptions {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        requirePort("trackingPort", trackingPort);
        requirePort("controlPort", controlPort);
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads: " + eventLoopThreads + " (expected: >= 1)");
        }
        if (trackingPort != 0 && trackingPort == controlPort) {
            throw new IllegalArgumentException(
                    "controlPort: " + controlPort + " (expected: different from trackingPort)");
        }
    }

    /** Loopback, ports chosen by the system, one thread, system clock, unseeded random. */
    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: 0..65535)");
        }
    }

    /** Builds {@link SimulatorOptions}; every setting is optional. */
    public static final class Builder {

        private InetAddress bindAddress = loopbackIpv4();
        private int trackingPort;
        private int controlPort;
        private int eventLoopThreads = 1;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random;
        private SimulatorTls tls;

        private Builder() {}

        /** Serves the tracking listener over HTTPS with this certificate ({@code null}: plain HTTP). */
        public Builder tls(SimulatorTls tls) {
            this.tls = tls;
            return this;
        }

        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder trackingPort(int trackingPort) {
            this.trackingPort = trackingPort;
            return this;
        }

        public Builder controlPort(int controlPort) {
            this.controlPort = controlPort;
            return this;
        }

        public Builder eventLoopThreads(int eventLoopThreads) {
            this.eventLoopThreads = eventLoopThreads;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(
                    bindAddress,
                    trackingPort,
                    controlPort,
                    eventLoopThreads,
                    clock,
                    random != null ? random : new SplittableRandom(),
                    Optional.ofNullable(tls));
        }

        /** 127.0.0.1 exactly: {@code getLoopbackAddress()} may answer ::1 on an IPv6-preferring JVM. */
        private static InetAddress loopbackIpv4() {
            try {
                return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
