package io.cutover.loadtest.sim;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A ShareASale query read as leniently as links in the wild demand (platforms.md §6.1, §6.2,
 * §6.6): HTML-escaped separators ({@code &amp;}, {@code &#38;}) count as {@code &}, names match
 * in any case, and a repeated name yields its first non-empty value.
 */
final class LegacyQuery {

    private static final Pattern ESCAPED_AMPERSAND = Pattern.compile("&(?:amp|#38|#x26);", Pattern.CASE_INSENSITIVE);

    private final String rawQuery;

    private LegacyQuery(String rawQuery) {
        this.rawQuery = rawQuery;
    }

    static LegacyQuery of(String rawQuery) {
        return new LegacyQuery(ESCAPED_AMPERSAND.matcher(rawQuery).replaceAll("&"));
    }

    /** The first non-empty value of {@code name} (any case), still percent-encoded; null if none. */
    String raw(String name) {
        for (QueryString.RawPair pair : QueryString.split(rawQuery)) {
            if (!pair.value().isEmpty()
                    && QueryString.decode(pair.name(), true)
                            .toLowerCase(Locale.ROOT)
                            .equals(name.toLowerCase(Locale.ROOT))) {
                return pair.value();
            }
        }
        return null;
    }

    /** {@link #raw} form-decoded; null if none. */
    String decoded(String name) {
        String raw = raw(name);
        return raw == null ? null : QueryString.decode(raw, true);
    }
}
