package io.cutover.mapping.query;

import java.util.ArrayList;
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
 *   <li>Allocation-light: parsing records where each pair's name and value are in the query; a
 *       name, key or value becomes a string only when asked for, once. Matching a name against a
 *       table key ({@link #keyIs}, {@link #keyHash}) needs no string at all.
 * </ul>
 */
public final class LegacyParams {

    /** The most pairs kept; no real legacy link comes near it. */
    public static final int MAX_PAIRS = 128;

    private static final LegacyParams EMPTY = new LegacyParams("", new int[0], 0, false);

    /**
     * Per pair: name start, name end with the two flags below in its high bits, pair end. Queries
     * are far shorter than 2^28 characters (the server caps the request line).
     */
    private static final int FIELDS = 3;

    private static final int HAS_EQUALS = 1 << 30;
    private static final int PLAIN = 1 << 29;
    private static final int OFFSET = PLAIN - 1;

    private final String query;
    private final int[] bounds;
    private final int size;
    private final boolean truncated;
    /** Per pair: the value, made on first use; names and keys likewise (explain, messages). */
    private String[] values;

    private String[] names;

    private Param[] params;

    private LegacyParams(String query, int[] bounds, int size, boolean truncated) {
        this.query = query;
        this.bounds = bounds;
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
        if (rawQuery.length() > OFFSET) {
            // Far beyond any request line the server accepts: refused as too many parameters.
            return new LegacyParams("", new int[0], 0, true);
        }
        int pairs = 1;
        for (int j = rawQuery.indexOf('&'); j >= 0 && pairs < MAX_PAIRS + 1; j = rawQuery.indexOf('&', j + 1)) {
            pairs++;
        }
        int[] bounds = new int[FIELDS * Math.min(MAX_PAIRS, pairs)];
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
                int equals = rawQuery.indexOf('=', i);
                boolean hasEquals = equals >= 0 && equals < end;
                int nameEnd = hasEquals ? equals : end;
                boolean plain = isPlain(rawQuery, i, nameEnd);
                boolean named = plain
                        ? nameEnd > i
                        : !keyOf(rawQuery.substring(i, nameEnd)).isEmpty();
                if (named) {
                    if (size == MAX_PAIRS) {
                        truncated = true;
                        break;
                    }
                    if (FIELDS * (size + 1) > bounds.length) {
                        bounds = Arrays.copyOf(bounds, Math.min(FIELDS * MAX_PAIRS, bounds.length * 2));
                    }
                    int at = FIELDS * size++;
                    bounds[at] = i;
                    bounds[at + 1] = nameEnd | (hasEquals ? HAS_EQUALS : 0) | (plain ? PLAIN : 0);
                    bounds[at + 2] = end;
                }
            }
            i = end < n ? skipEntityTails(rawQuery, end + 1) : n;
        }
        return size == 0 && !truncated ? EMPTY : new LegacyParams(rawQuery, bounds, size, truncated);
    }

    /** How many pairs were kept. */
    public int size() {
        return size;
    }

    /** The pair at a position, in query order. */
    public Param get(int index) {
        check(index);
        if (params == null) {
            params = new Param[size];
        }
        Param param = params[index];
        if (param == null) {
            param = new Param(name(index), key(index), value(index), hasEquals(index));
            params[index] = param;
        }
        return param;
    }

    /** All pairs kept, in query order. */
    public List<Param> all() {
        List<Param> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(get(i));
        }
        return Collections.unmodifiableList(all);
    }

    /** Whether pairs beyond {@link #MAX_PAIRS} were dropped. */
    public boolean truncated() {
        return truncated;
    }

    /** The name of a pair as written. */
    public String name(int index) {
        check(index);
        return names(index, 0);
    }

    /** The key of a pair: its name decoded and ASCII lower-cased, {@code amp;} prefixes removed. */
    public String key(int index) {
        check(index);
        return names(index, 1);
    }

    /** The raw value of a pair, still percent-encoded; empty without {@code =}. */
    public String value(int index) {
        check(index);
        if (values == null) {
            values = new String[size];
        }
        String value = values[index];
        if (value == null) {
            value = hasEquals(index) ? query.substring(nameEnd(index) + 1, bounds[FIELDS * index + 2]) : "";
            values[index] = value;
        }
        return value;
    }

    /** Whether a pair's value is empty, without making it a string. */
    public boolean isEmptyValue(int index) {
        check(index);
        return !hasEquals(index) || nameEnd(index) + 1 == bounds[FIELDS * index + 2];
    }

    /** Whether a pair's key is {@code lowerKey} (a lower-case name), without making it a string. */
    public boolean keyIs(int index, String lowerKey) {
        check(index);
        if (!isPlain(index)) {
            return key(index).equals(lowerKey);
        }
        int start = bounds[FIELDS * index];
        int length = nameEnd(index) - start;
        if (length != lowerKey.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(query.charAt(start + i)) != lowerKey.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a pair's key starts with {@code lowerPrefix}, without making it a string. */
    public boolean keyStartsWith(int index, String lowerPrefix) {
        check(index);
        if (!isPlain(index)) {
            return key(index).startsWith(lowerPrefix);
        }
        int start = bounds[FIELDS * index];
        if (nameEnd(index) - start < lowerPrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length(); i++) {
            if (lower(query.charAt(start + i)) != lowerPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code key(index).hashCode()}, computed without making the key a string when it is plain. */
    public int keyHash(int index) {
        check(index);
        if (!isPlain(index)) {
            return key(index).hashCode();
        }
        int hash = 0;
        int end = nameEnd(index);
        for (int i = bounds[FIELDS * index]; i < end; i++) {
            hash = 31 * hash + lower(query.charAt(i));
        }
        return hash;
    }

    /** Appends the pair as it appeared in the query: {@code name=rawValue}, or just {@code name}. */
    public void appendPair(StringBuilder out, int index) {
        check(index);
        int at = FIELDS * index;
        out.append(query, bounds[at], hasEquals(index) ? bounds[at + 2] : nameEnd(index));
    }

    /**
     * The position of the pair that counts for a name (see the duplicate rule above), or -1.
     *
     * @param key the name in lower case
     */
    public int indexOf(String key) {
        int firstEmpty = -1;
        for (int i = 0; i < size; i++) {
            if (keyIs(i, key)) {
                if (!isEmptyValue(i)) {
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
        return index < 0 ? Optional.empty() : Optional.of(value(index));
    }

    private String names(int index, int which) {
        if (names == null) {
            names = new String[2 * size];
        }
        int slot = 2 * index + which;
        String value = names[slot];
        if (value == null) {
            value = which == 0
                    ? query.substring(bounds[FIELDS * index], nameEnd(index))
                    : isPlain(index) ? Ascii.lower(name(index)) : keyOf(name(index));
            names[slot] = value;
        }
        return value;
    }

    private int nameEnd(int index) {
        return bounds[FIELDS * index + 1] & OFFSET;
    }

    private boolean hasEquals(int index) {
        return (bounds[FIELDS * index + 1] & HAS_EQUALS) != 0;
    }

    private boolean isPlain(int index) {
        return (bounds[FIELDS * index + 1] & PLAIN) != 0;
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
    }

    /** A name that is its own key once lower-cased: no escapes, no {@code +}. */
    private static boolean isPlain(String query, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                return false;
            }
        }
        // A name still starting with amp; loses the prefix: not plain.
        return !query.regionMatches(true, start, "amp;", 0, 4) || end - start < 4;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
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
