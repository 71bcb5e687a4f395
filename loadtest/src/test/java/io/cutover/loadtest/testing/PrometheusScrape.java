package io.cutover.loadtest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A {@code /metrics} answer in the Prometheus text format, parsed into samples, so that tests
 * assert on what a Prometheus server would read.
 */
public final class PrometheusScrape {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public boolean has(String label, String value) {
            return value.equals(labels.get(label));
        }
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(parseLine(line));
            }
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    private static Sample parseLine(String line) {
        Map<String, String> labels = new TreeMap<>();
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
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
        } else {
            name = line.substring(0, line.indexOf(' '));
        }
        String value = line.substring(space + 1).trim();
        double parsed = switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
        return new Sample(name, Map.copyOf(labels), parsed);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every sample of {@code name} matching {@code filter}. */
    public List<Sample> all(String name, Predicate<Sample> filter) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && filter.test(sample)) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The sum of every sample of {@code name} whose labels include all of {@code labels} (pairs). */
    public double sum(String name, String... labels) {
        double sum = 0;
        for (Sample sample : all(name, s -> matches(s, labels))) {
            sum += sample.value();
        }
        return sum;
    }

    /** Whether any sample of {@code name} has all of {@code labels}. */
    public boolean has(String name, String... labels) {
        return !all(name, s -> matches(s, labels)).isEmpty();
    }

    private static boolean matches(Sample sample, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!sample.has(labels[i], labels[i + 1])) {
                return false;
            }
        }
        return true;
    }

    /** The metric names present, histogram and counter suffixes included. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (Sample sample : samples) {
            names.add(sample.name());
        }
        return names;
    }

    /**
     * The {@code q} quantile of a histogram from its cumulative buckets, as Prometheus's {@code
     * histogram_quantile} computes it (linear within the bucket).
     */
    public double quantile(double q, String histogram, String... labels) {
        List<double[]> buckets = new ArrayList<>();
        for (Sample sample : all(histogram + "_bucket", s -> matches(s, labels))) {
            String le = sample.labels().get("le");
            buckets.add(
                    new double[] {le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), sample.value()
                    });
        }
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        double total = buckets.get(buckets.size() - 1)[1];
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (double[] bucket : buckets) {
            if (bucket[1] >= rank) {
                if (Double.isInfinite(bucket[0])) {
                    return lowerBound;
                }
                double inBucket = bucket[1] - lowerCount;
                return inBucket == 0
                        ? bucket[0]
                        : lowerBound + (bucket[0] - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket[0];
            lowerCount = bucket[1];
        }
        return lowerBound;
    }
}
