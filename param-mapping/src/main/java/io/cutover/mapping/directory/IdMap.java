package io.cutover.mapping.directory;

import java.util.Arrays;

/**
 * An immutable map from one numeric ID to another, in two flat {@code long} arrays (open
 * addressing, linear probing). The production directory holds ~250,000 affiliates: boxed or
 * string keys would cost ~30 MB and many objects; this costs ~8 MB and none. Reads are lock-free
 * (final arrays, never written after construction), as the event loops need.
 */
final class IdMap {

    private static final long FREE = -1;

    private final long[] keys;
    private final long[] values;
    private final int mask;
    private final int size;

    private IdMap(long[] keys, long[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.size = size;
    }

    /** The value of a key, or -1. */
    long get(long key) {
        if (key < 0) {
            return -1;
        }
        int i = slot(key, mask);
        while (true) {
            long found = keys[i];
            if (found == key) {
                return values[i];
            }
            if (found == FREE) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Visits every entry, in no particular order. */
    void forEach(Entry visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                visitor.accept(keys[i], values[i]);
            }
        }
    }

    /** One entry of the map, as two primitives. */
    @FunctionalInterface
    interface Entry {
        void accept(long key, long value);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * Collects entries, detecting duplicates with where the first was written ({@code origin}, an
     * opaque number the caller decodes).
     */
    static final class Builder {

        private long[] keys = newKeys(1024);
        private long[] values = new long[1024];
        private long[] origins = new long[1024];
        private int size;

        /** Adds an entry; answers -1, or the origin of the entry already there for this key. */
        long put(long key, long value, long origin) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (keys[i] != FREE) {
                if (keys[i] == key) {
                    return origins[i];
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
            origins[i] = origin;
            size++;
            return -1;
        }

        IdMap build() {
            return new IdMap(keys.clone(), values.clone(), size);
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            long[] oldOrigins = origins;
            keys = newKeys(oldKeys.length * 2);
            values = new long[keys.length];
            origins = new long[keys.length];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != FREE) {
                    int i = slot(oldKeys[j], mask);
                    while (keys[i] != FREE) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                    origins[i] = oldOrigins[j];
                }
            }
        }

        private static long[] newKeys(int capacity) {
            long[] keys = new long[capacity];
            Arrays.fill(keys, FREE);
            return keys;
        }
    }
}
