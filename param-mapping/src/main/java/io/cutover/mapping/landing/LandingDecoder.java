package io.cutover.mapping.landing;

import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.PercentDecoder;

/**
 * Decodes a raw {@code urllink} value: one RFC 3986 pass always (that is what ColdFusion did for
 * ShareASale), then further passes, at most {@link #MAX_PASSES} in all, only while the scheme or
 * the authority is still encoded.
 *
 * <p>Decoding "until stable" would be wrong: in {@code https%3A%2F%2Fm.com%2Fs%3Fq%3Da%2526b} the
 * {@code %2526} is a deliberately encoded {@code %26} inside a query value, and a second pass would
 * turn it into a separator. Only the parts a browser needs to find the host (scheme, {@code //},
 * host) tell whether the whole value was encoded once more: {@code https%253A%252F%252Fm.com}
 * (double-encoded, platforms.md §6.4) or {@code www.example.com%252Fpage}.
 */
public final class LandingDecoder {

    /** The most decoding passes, as platforms.md §6.4 advises. */
    public static final int MAX_PASSES = 3;

    private LandingDecoder() {}

    /** The decoded value and how many passes it took. */
    public record Decoded(String value, int passes) {}

    /** Decodes a raw value as described above. */
    public static Decoded decode(String raw) {
        String value = PercentDecoder.decodeComponent(raw);
        int passes = 1;
        while (passes < MAX_PASSES && structureStillEncoded(value)) {
            String next = PercentDecoder.decodeComponent(value);
            passes++;
            if (next.equals(value)) {
                break;
            }
            value = next;
        }
        return new Decoded(value, passes);
    }

    /**
     * Whether the scheme or authority is still percent-encoded: an encoded {@code :} right after a
     * scheme ({@code https%3A}), encoded slashes right after a scheme's {@code :}
     * ({@code https:%2F%2F}) or at the very start ({@code %2F%2Fhost}), or any escape inside the
     * authority (host names have no {@code %}, so {@code m.com%2Fp} or {@code m.com%252Fp} means
     * the structural {@code /} is still encoded). Escapes after the authority's end belong to the
     * path or query and are left alone.
     */
    static boolean structureStillEncoded(String s) {
        int n = s.length();
        int start = 0;
        while (start < n && s.charAt(start) == ' ') {
            start++;
        }
        int schemeEnd = start;
        if (schemeEnd < n && Ascii.isAlpha(s.charAt(schemeEnd))) {
            while (schemeEnd < n && isSchemeChar(s.charAt(schemeEnd))) {
                schemeEnd++;
            }
            if (s.regionMatches(true, schemeEnd, "%3A", 0, 3)) {
                return true;
            }
        }
        int authority = start;
        if (schemeEnd > start && schemeEnd < n && s.charAt(schemeEnd) == ':') {
            authority = schemeEnd + 1;
        }
        if (s.regionMatches(true, authority, "%2F", 0, 3) || s.regionMatches(true, authority, "%5C", 0, 3)) {
            return true;
        }
        while (authority < n && (s.charAt(authority) == '/' || s.charAt(authority) == '\\')) {
            authority++;
        }
        for (int i = authority; i < n; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\' || c == '?' || c == '#') {
                return false;
            }
            if (c == '%') {
                return true;
            }
        }
        return false;
    }

    private static boolean isSchemeChar(char c) {
        return Ascii.isAlpha(c) || Ascii.isDigit(c) || c == '+' || c == '-' || c == '.';
    }
}
