package io.cutover.proxy;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Issues event IDs as UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits, so
 * IDs sort by time in logs, queues and the primary's de-duplication store, and never collide
 * across instances without coordination.
 *
 * <p>Thread-safe and lock-free: each event loop draws from its own {@link ThreadLocalRandom}.
 */
public final class EventIds {

    private final LongSupplier millis;

    /** @param millis the wall clock in Unix milliseconds (injected for tests) */
    public EventIds(LongSupplier millis) {
        this.millis = millis;
    }

    /** IDs on the system clock. */
    public static EventIds system() {
        return new EventIds(System::currentTimeMillis);
    }

    /** A new ID. */
    public UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long ms = millis.getAsLong() & 0xFFFF_FFFF_FFFFL;
        long high = (ms << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** The Unix milliseconds an ID was issued at. */
    public static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
