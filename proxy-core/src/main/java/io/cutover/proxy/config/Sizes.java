package io.cutover.proxy.config;

/** Parses byte sizes as config files write them: {@code 8192}, {@code 16KiB}, {@code 1MiB}, {@code 1GiB}. */
final class Sizes {

    private Sizes() {}

    /** The size in bytes, or -1 when the text is not a size. */
    static long parse(String text) {
        String s = text.trim();
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 12) {
            return -1;
        }
        long amount = Long.parseLong(s.substring(0, end));
        switch (s.substring(end).trim()) {
            case "":
            case "B":
                return amount;
            case "KiB":
                return amount * 1024;
            case "MiB":
                return amount * 1024 * 1024;
            case "GiB":
                return amount * 1024 * 1024 * 1024;
            default:
                return -1;
        }
    }
}
