package io.cutover.ops.json;

/**
 * Appends a JSON string literal (RFC 8259 §7): quotes, backslashes and control characters
 * escaped, everything else, non-ASCII included, left as is for the UTF-8 encoder downstream.
 *
 * <p>Hand-written because the ops module's JSON is a handful of flat objects (access-log lines,
 * the readiness report) that do not justify a JSON library on the class path.
 */
public final class JsonString {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonString() {}

    /** Appends {@code value} quoted and escaped, or {@code null} when it is null. */
    public static StringBuilder append(StringBuilder out, CharSequence value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        int length = value.length();
        int plain = 0;
        while (plain < length && isPlain(value.charAt(plain))) {
            plain++;
        }
        // Most values (ids, names, status words, URLs) need no escape: copied in one go.
        out.append(value, 0, plain);
        for (int i = plain; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028 and U+2029 are legal in JSON but end a line in JavaScript and in
                    // some log shippers; escaping them keeps one record on one line everywhere.
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        escape(out, c);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < length
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate has no UTF-8 form; the encoder would turn it into
                        // '?', so keep it visible as an escape instead.
                        escape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Printable ASCII other than quote and backslash: appended as it is. */
    private static boolean isPlain(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }

    private static void escape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[c >> 12])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
