package io.cutover.mapping.directory;

import io.cutover.mapping.query.LegacyId;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.yaml.ProblemList;
import java.nio.charset.StandardCharsets;

/**
 * Reads the affiliates CSV, {@code legacy affiliate id,Awin publisher id} per line, at production
 * size (~250,000 lines) in a few milliseconds: the bytes are scanned once and the numbers parsed in
 * place, with no string or regex per line. A header line (first line not starting with a digit),
 * blank lines and {@code #} comments are skipped; CRLF and a UTF-8 byte-order mark are accepted.
 */
final class AffiliateCsvReader {

    private final String source;
    private final int sourceIndex;
    private final DirectoryFileReader.Affiliates affiliates;
    private final ProblemList problems;

    AffiliateCsvReader(
            String source, int sourceIndex, DirectoryFileReader.Affiliates affiliates, ProblemList problems) {
        this.source = source;
        this.sourceIndex = sourceIndex;
        this.affiliates = affiliates;
        this.problems = problems;
    }

    void read(byte[] data) {
        int n = data.length;
        int start = n >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF ? 3 : 0;
        int line = 0;
        boolean firstData = true;
        while (start < n) {
            int end = start;
            while (end < n && data[end] != '\n') {
                end++;
            }
            line++;
            int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
            int first = skipSpaces(data, start, stop);
            if (first < stop && data[first] != '#') {
                boolean header = firstData && !isDigit(data[first]);
                firstData = false;
                if (!header) {
                    readLine(data, first, stop, line);
                }
            }
            start = end + 1;
        }
    }

    private void readLine(byte[] data, int from, int to, int line) {
        int comma = from;
        while (comma < to && data[comma] != ',') {
            comma++;
        }
        if (comma == to) {
            problems.add(source, line, "expected 2 fields (legacy affiliate id,Awin publisher id), found 1");
            return;
        }
        int secondComma = comma + 1;
        while (secondComma < to && data[secondComma] != ',') {
            secondComma++;
        }
        if (secondComma < to) {
            problems.add(source, line, "expected 2 fields (legacy affiliate id,Awin publisher id), found more");
            return;
        }
        long legacy = number(data, from, comma);
        long publisher = number(data, comma + 1, to);
        if (legacy < 0) {
            problems.add(
                    source, line, Quoted.of(text(data, from, comma)) + " (expected: a legacy affiliate id, a number)");
        }
        if (publisher < 0) {
            problems.add(
                    source, line, Quoted.of(text(data, comma + 1, to)) + " (expected: an Awin publisher id, a number)");
        }
        if (legacy >= 0 && publisher >= 0) {
            affiliates.put(legacy, publisher, sourceIndex, line);
        }
    }

    /** The number in a field (spaces around it allowed), or -1. */
    private static long number(byte[] data, int from, int to) {
        int start = skipSpaces(data, from, to);
        int end = to;
        while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
            end--;
        }
        while (start < end - 1 && data[start] == '0') {
            start++;
        }
        if (start == end || end - start > LegacyId.MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            if (!isDigit(data[i])) {
                return -1;
            }
            value = value * 10 + (data[i] - '0');
        }
        return value;
    }

    private static int skipSpaces(byte[] data, int from, int to) {
        while (from < to && (data[from] == ' ' || data[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String text(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.UTF_8).strip();
    }
}
