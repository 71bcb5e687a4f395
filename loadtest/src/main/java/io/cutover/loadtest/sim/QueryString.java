package io.cutover.loadtest.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits and decodes query strings the way a forgiving web platform does: it never throws. A
 * broken escape ({@code %zz}, a lone {@code %}) stays as written, malformed UTF-8 becomes U+FFFD,
 * and only {@code &} separates pairs ({@code ;} is an ordinary character, so {@code &amp;} shows
 * up as a key {@code amp;u} unless a caller normalises it first).
 */
final class QueryString {

    /** One {@code name=value} pair exactly as it appeared, still percent-encoded. */
    record RawPair(String name, String value) {}

    private QueryString() {}

    /** The raw pairs in order; empty segments ({@code a=1&&b=2}) are skipped. */
    static List<RawPair> split(String rawQuery) {
        List<RawPair> pairs = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                int equals = rawQuery.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    pairs.add(new RawPair(rawQuery.substring(start, end), ""));
                } else {
                    pairs.add(new RawPair(rawQuery.substring(start, equals), rawQuery.substring(equals + 1, end)));
                }
            }
            start = end + 1;
        }
        return pairs;
    }

    /**
     * Form-decodes a whole query ({@code +} is a space) into an ordered multimap: keys as sent, in
     * order of first appearance, each with its values in order. Unmodifiable.
     */
    static Map<String, List<String>> decodeForm(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (RawPair pair : split(rawQuery)) {
            params.computeIfAbsent(decode(pair.name(), true), name -> new ArrayList<>(1))
                    .add(decode(pair.value(), true));
        }
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            param.setValue(List.copyOf(param.getValue()));
        }
        return Collections.unmodifiableMap(params);
    }

    /**
     * Percent-decodes once as UTF-8. {@code plusIsSpace} picks form rules ({@code +} is a space)
     * over RFC 3986 rules ({@code +} stays), which matter for landing URLs.
     */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
                i++;
            } else {
                // Copy a run of undecoded characters as UTF-8, keeping surrogate pairs whole.
                int end = i + 1;
                while (end < raw.length() && raw.charAt(end) != '%' && !(plusIsSpace && raw.charAt(end) == '+')) {
                    end++;
                }
                if (c == '%') {
                    end = i + 1;
                }
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
