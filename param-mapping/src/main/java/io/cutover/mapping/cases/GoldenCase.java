package io.cutover.mapping.cases;

import io.cutover.mapping.yaml.ProblemList;
import java.util.Optional;

/**
 * One golden case: a legacy request and what the table must make of it. A case file is a few
 * {@code key: value} lines ({@code #} starts a comment):
 *
 * <pre>
 * # why this case exists
 * input:    /sale.cfm?merchantID=41388&amp;tracking=A1&amp;amount=10.00
 * cookie:   aw15532=15532_1700000000_0123abcd     (optional: the request's Cookie header)
 * primary:  /sread.img?tt=ns&amp;tv=2&amp;merchant=15532&amp;…   (one of primary, unmapped, rejected)
 * </pre>
 *
 * @param name the file it came from
 * @param input the legacy request target, {@code /path?query}
 * @param cookie the {@code Cookie} header, if any
 * @param expected what is expected: {@code primary}, {@code unmapped} or {@code rejected}
 * @param value the expected upstream target, or the reason
 */
public record GoldenCase(String name, String input, Optional<String> cookie, String expected, String value) {

    static final String KEYS = "one of input, cookie, primary, unmapped, rejected";

    /** Reads a case file's text; problems go to {@code problems} and answer {@code null}. */
    static GoldenCase parse(String name, String text, ProblemList problems) {
        String input = null;
        String cookie = null;
        String expected = null;
        String value = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(name, i + 1, "'" + line + "' (expected: key: value, with a key " + KEYS + ")");
                continue;
            }
            String key = line.substring(0, colon).strip();
            String text2 = line.substring(colon + 1).strip();
            switch (key) {
                case "input":
                    input = text2;
                    break;
                case "cookie":
                    cookie = text2;
                    break;
                case "primary":
                case "unmapped":
                case "rejected":
                    if (expected != null) {
                        problems.add(
                                name,
                                i + 1,
                                key + ": a second expectation (expected: one of primary, " + "unmapped, rejected)");
                    }
                    expected = key;
                    value = text2;
                    break;
                default:
                    problems.add(name, i + 1, key + ": unknown key (expected: " + KEYS + ")");
            }
        }
        if (input == null || !input.startsWith("/")) {
            problems.add(
                    name,
                    0,
                    "input: " + (input == null ? "missing" : "'" + input + "'")
                            + " (expected: the legacy request, e.g. /r.cfm?m=41388&u=873588)");
            return null;
        }
        if (expected == null) {
            problems.add(name, 0, "no expectation (expected: primary:, unmapped: or rejected:)");
            return null;
        }
        return new GoldenCase(name, input, Optional.ofNullable(cookie), expected, value);
    }
}
