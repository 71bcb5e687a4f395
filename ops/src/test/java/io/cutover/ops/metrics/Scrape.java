package io.cutover.ops.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scrape in the Prometheus text format, parsed into samples, so that tests assert on what a
 * Prometheus server would read rather than on SDK internals.
 */
public final class Scrape {

    /** One sample line: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /** Scrapes {@code telemetry} and parses the result. */
    public static Scrape of(Telemetry telemetry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            telemetry.scrape(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out.toString(StandardCharsets.UTF_8));
    }

    /** Parses text-format lines; comments are skipped. */
    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            samples.add(parseLine(line));
        }
        return new Scrape(text, List.copyOf(samples));
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space;
        Map<String, String> labels = new TreeMap<>();
        String name;
        if (brace >= 0) {
            name = line.substring(0, brace);
            int pos = brace + 1;
            while (line.charAt(pos) != '}') {
                int eq = line.indexOf('=', pos);
                String key = line.substring(pos, eq);
                StringBuilder value = new StringBuilder();
                int i = eq + 2;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                labels.put(key, value.toString());
                pos = i + 1;
                if (line.charAt(pos) == ',') {
                    pos++;
                }
            }
            space = pos + 1;
        } else {
            space = line.indexOf(' ');
            name = line.substring(0, space);
        }
        String rest = line.substring(space).trim();
        int timestamp = rest.indexOf(' ');
        String value = timestamp < 0 ? rest : rest.substring(0, timestamp);
        return new Sample(name, Map.copyOf(labels), parseValue(value));
    }

    private static double parseValue(String value) {
        switch (value) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(value);
        }
    }

    /** The raw text. */
    public String text() {
        return text;
    }

    /** All samples in scrape order. */
    public List<Sample> samples() {
        return samples;
    }

    /** The value of the sample with exactly these labels, if present. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value)
                .findFirst();
    }

    /** Samples named {@code name}, whatever their labels. */
    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The cumulative bucket counts of one histogram series, keyed by their {@code le} bound. */
    public Map<Double, Double> buckets(String histogram, Map<String, String> labels) {
        Map<Double, Double> buckets = new TreeMap<>();
        for (Sample sample : named(histogram + "_bucket")) {
            Map<String, String> rest = new TreeMap<>(sample.labels());
            String le = rest.remove("le");
            if (rest.equals(labels)) {
                buckets.put(parseValue(le), sample.value());
            }
        }
        return buckets;
    }
}
