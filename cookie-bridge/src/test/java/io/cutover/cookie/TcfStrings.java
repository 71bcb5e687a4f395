package io.cutover.cookie;

import java.util.Base64;
import java.util.BitSet;

/** Builds TCF v2 core strings bit by bit, by the specification's field widths. */
final class TcfStrings {

    private final BitSet bits = new BitSet();
    private int length;

    private TcfStrings() {}

    /**
     * A core string with purpose 1 consented or not, and a vendor bitfield giving consent to
     * {@code vendors}.
     */
    static String core(boolean purposeOne, int... vendors) {
        TcfStrings s = header(purposeOne);
        int max = 0;
        for (int v : vendors) {
            max = Math.max(max, v);
        }
        s.put(max, 16).put(0, 1);
        for (int v = 1; v <= max; v++) {
            boolean consented = false;
            for (int c : vendors) {
                consented |= c == v;
            }
            s.put(consented ? 1 : 0, 1);
        }
        return s.encode();
    }

    /** A core string with purpose 1 consented and a range-encoded vendor section {@code from..to}. */
    static String ranged(int from, int to) {
        return header(true)
                .put(to, 16)
                .put(1, 1)
                .put(1, 12)
                .put(1, 1)
                .put(from, 16)
                .put(to, 16)
                .encode();
    }

    private static TcfStrings header(boolean purposeOne) {
        TcfStrings s = new TcfStrings();
        s.put(2, 6)
                .put(17_000_000_000L, 36)
                .put(17_000_000_000L, 36)
                .put(10, 12)
                .put(1, 12)
                .put(1, 6);
        s.put(0, 12).put(100, 12).put(4, 6).put(0, 1).put(0, 1).put(0, 12);
        s.put(purposeOne ? 1 : 0, 1).put(purposeOne ? 0b11111111111 : 0, 23); // purposes 1..24
        s.put(0, 24).put(0, 1).put(0, 12);
        return s;
    }

    private TcfStrings put(long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            bits.set(length++, ((value >>> i) & 1) == 1);
        }
        return this;
    }

    private String encode() {
        byte[] bytes = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++) {
            if (bits.get(i)) {
                bytes[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
