package io.cutover.loadtest.load;

import java.time.Duration;
import java.util.List;

/**
 * How requests are offered: an open model sends on a schedule whatever the server does (latency
 * counted from when each request was due), a closed model keeps a fixed number of requests in
 * flight and sends the next one when an answer arrives (for the most throughput).
 */
public sealed interface LoadModel permits LoadModel.Open, LoadModel.Closed {

    /** What the report calls it, e.g. {@code open 2000/s} or {@code closed 50}. */
    String describe();

    /**
     * A constant arrival rate, multiplied by {@code factor} inside each burst (a spike: 10× for a
     * short window).
     */
    record Open(int ratePerSecond, List<Burst> bursts) implements LoadModel {
        public Open {
            if (ratePerSecond < 1 || ratePerSecond > 1_000_000) {
                throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: 1 to 1000000 per second)");
            }
            bursts = List.copyOf(bursts);
        }

        public Open(int ratePerSecond) {
            this(ratePerSecond, List.of());
        }

        /** The rate at {@code elapsed} from the start, bursts included. */
        public double rateAt(Duration elapsed) {
            double rate = ratePerSecond;
            for (Burst burst : bursts) {
                if (burst.covers(elapsed)) {
                    rate *= burst.factor();
                }
            }
            return rate;
        }

        @Override
        public String describe() {
            return "open " + ratePerSecond + "/s" + (bursts.isEmpty() ? "" : " with bursts " + bursts);
        }
    }

    /** {@code concurrency} requests in flight, each sent as soon as the one before it is answered. */
    record Closed(int concurrency) implements LoadModel {
        public Closed {
            if (concurrency < 1 || concurrency > 100_000) {
                throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: 1 to 100000)");
            }
        }

        @Override
        public String describe() {
            return "closed " + concurrency;
        }
    }

    /** The open rate times {@code factor} from {@code start} for {@code length}. */
    record Burst(Duration start, Duration length, double factor) {
        public Burst {
            if (start.isNegative() || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException(
                        "burst: start >= 0 and length > 0 (got " + start + ", " + length + ")");
            }
            if (!(factor > 0 && factor <= 100)) {
                throw new IllegalArgumentException("burst factor: " + factor + " (expected: > 0 and <= 100)");
            }
        }

        boolean covers(Duration elapsed) {
            return elapsed.compareTo(start) >= 0 && elapsed.compareTo(start.plus(length)) < 0;
        }

        @Override
        public String toString() {
            return factor + "x at " + start.toMillis() + " ms for " + length.toMillis() + " ms";
        }
    }
}
