package io.cutover.mapping.query;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The parameters of a legacy query string, parsed leniently because the wild is messy
 * (platforms.md §6). Immutable; parsing never throws.
 *
 * <ul>
 *   <li>Separators: {@code &}, and the HTML-escaped forms {@code &amp;}, {@code &#38;},
 *       {@code &#038;} and {@code &#x26;} in any case, which HTML-copied links carry (§6.1). A
 *       name that still starts with {@code amp;} loses that prefix.
 *   <li>Names match case-insensitively ({@code B=}, {@code U=}, {@code M=} in old docs, §6.2); the
 *       spelling as written is kept for explain.
 *   <li>Empty values are legal ({@code urllink=&afftrack=} is standard, §6.5); empty pairs
 *       ({@code &&}, a trailing {@code &}) are skipped.
 *   <li><b>Duplicate names: the first non-empty value wins; if all are empty, the first</b> (§6.6).
 *       A duplicate {@code urllink=} left empty by a link builder does not erase the real one.
 *   <li>Values stay percent-encoded: see {@link PercentDecoder} for the two ways rules decode.
 *   <li>Bounded: at most {@link #MAX_PAIRS} pairs are kept; {@link #truncated()} tells when more
 *       were dropped, and the translator then rejects the request.
 * </ul>
 */
public final class LegacyParams {

    /** The most pairs kept; no real legacy link comes near it. */
    public static final int MAX_PAIRS = 128;

    private static final LegacyParams EMPTY = new LegacyParams(new Param[0], 0, false);

    private final Param[] params;
    private final int size;
    private final boolean truncated;

    private LegacyParams(Param[] params, int size, boolean truncated) {
        this.params = params;
        this.size = size;
        this.truncated = truncated;
    }

    /**
     * Parses a raw query string (without {@code ?}, though one leading {@code ?} is skipped);
     * {@code null} or empty gives no parameters.
     */
    public static LegacyParams parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        Param[] params = new Param[Math.min(MAX_PAIRS, 8)];
        int size = 0;
        boolean truncated = false;
        int n = rawQuery.length();
        // a caller that kept the '?' of the request target still gets the first name right
        int i = skipEntityTails(rawQuery, rawQuery.charAt(0) == '?' ? 1 : 0);
        while (i < n) {
            int end = rawQuery.indexOf('&', i);
            if (end < 0) {
                end = n;
            }
            if (end > i) {
                Param param = pair(rawQuery, i, end);
                if (param != null) {
                    if (size == MAX_PAIRS) {
                        truncated = true;
                        break;
                    }
                    if (size == params.length) {
                        params = Arrays.copyOf(params, Math.min(MAX_PAIRS, size * 2));
                    }
                    params[size++] = param;
                }
            }
            i = end < n ? skipEntityTails(rawQuery, end + 1) : n;
        }
        return size == 0 && !truncated ? EMPTY : new LegacyParams(params, size, truncated);
    }

    /** How many pairs were kept. */
    public int size() {
        return size;
    }

    /** The pair at a position, in query order. */
    public Param get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return params[index];
    }

    /** All pairs kept, in query order. */
    public List<Param> all() {
        return Collections.unmodifiableList(Arrays.asList(params).subList(0, size));
    }

    /** Whether pairs beyond {@link #MAX_PAIRS} were dropped. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * The position of the pair that counts for a name (see the duplicate rule above), or -1.
     *
     * @param key the name in lower case
     */
    public int indexOf(String key) {
        int firstEmpty = -1;
        for (int i = 0; i < size; i++) {
            Param param = params[i];
            if (param.key().equals(key)) {
                if (!param.rawValue().isEmpty()) {
                    return i;
                }
                if (firstEmpty < 0) {
                    firstEmpty = i;
                }
            }
        }
        return firstEmpty;
    }

    /** The raw value that counts for a name, if the name is present (perhaps with an empty value). */
    public Optional<String> rawValue(String key) {
        int index = indexOf(Ascii.lower(key));
        return index < 0 ? Optional.empty() : Optional.of(params[index].rawValue());
    }

    private static Param pair(String query, int start, int end) {
        int equals = query.indexOf('=', start);
        boolean hasEquals = equals >= 0 && equals < end;
        String name = query.substring(start, hasEquals ? equals : end);
        String key = keyOf(name);
        if (key.isEmpty()) {
            return null;
        }
        String value = hasEquals ? query.substring(equals + 1, end) : "";
        return new Param(name, key, value, hasEquals);
    }

    private static String keyOf(String name) {
        String key = name;
        if (key.indexOf('%') >= 0 || key.indexOf('+') >= 0) {
            key = PercentDecoder.decodeForm(key);
        }
        while (key.regionMatches(true, 0, "amp;", 0, 4)) {
            key = key.substring(4);
        }
        return Ascii.lower(key);
    }

    /** Skips what is left of HTML-escaped ampersands after a {@code &}: {@code amp;}, {@code #38;}… */
    private static int skipEntityTails(String query, int i) {
        int length;
        while ((length = entityTailLength(query, i)) > 0) {
            i += length;
        }
        return i;
    }

    private static int entityTailLength(String query, int i) {
        int n = query.length();
        if (query.regionMatches(true, i, "amp;", 0, 4)) {
            return 4;
        }
        if (i >= n || query.charAt(i) != '#') {
            return 0;
        }
        int j = i + 1;
        boolean hex = j < n && (query.charAt(j) == 'x' || query.charAt(j) == 'X');
        if (hex) {
            j++;
        }
        int value = 0;
        int digits = 0;
        while (j < n && digits < 8) {
            char c = query.charAt(j);
            int digit = hex ? Ascii.hexValue(c) : (Ascii.isDigit(c) ? c - '0' : -1);
            if (digit < 0) {
                break;
            }
            value = value * (hex ? 16 : 10) + digit;
            digits++;
            j++;
        }
        return digits > 0 && j < n && query.charAt(j) == ';' && value == '&' ? j + 1 - i : 0;
    }
}
