package io.cutover.loadtest.sim;

import java.util.random.RandomGenerator;

/**
 * Mints click IDs in each platform's shape from an injectable random source, so a test can fix
 * the seed and know the exact IDs. Access to the generator is serialised because most generators
 * ({@code SplittableRandom}, the {@code L64X128} family) are not thread-safe and a simulator may
 * run several event loops.
 */
final class ClickIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final RandomGenerator random;

    ClickIds(RandomGenerator random) {
        this.random = random;
    }

    /** Awin's click checksum: {@code <advertiserId>_<unixSeconds>_<32 lower-case hex>} (platforms.md §3.3). */
    String awc(String advertiserId, long epochSeconds) {
        StringBuilder awc = new StringBuilder(advertiserId.length() + 45)
                .append(advertiserId)
                .append('_')
                .append(epochSeconds)
                .append('_');
        synchronized (random) {
            for (int i = 0; i < 32; i++) {
                awc.append(HEX[random.nextInt(16)]);
            }
        }
        return awc.toString();
    }

    /**
     * ShareASale's legacy click ID: {@code <2 alnum>k<digit>_<4–7 alnum>}, e.g. {@code 41k7_n2lff}
     * (platforms.md §1.4).
     */
    String sscid() {
        StringBuilder sscid = new StringBuilder(12);
        synchronized (random) {
            sscid.append(ALNUM[random.nextInt(ALNUM.length)])
                    .append(ALNUM[random.nextInt(ALNUM.length)])
                    .append('k')
                    .append((char) ('0' + random.nextInt(10)))
                    .append('_');
            int tail = 4 + random.nextInt(4);
            for (int i = 0; i < tail; i++) {
                sscid.append(ALNUM[random.nextInt(ALNUM.length)]);
            }
        }
        return sscid.toString();
    }
}
