package io.cutover.loadtest.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A weighted set of corpus requests the generator draws from. The draw is seeded, so two runs with
 * the same mix and seed send the same sequence (the comparison sends each target the same load).
 */
public final class RequestMix {

    /** A corpus request and its share of the mix. */
    public record Weighted(CorpusRequest request, int weight) {
        public Weighted {
            if (weight < 1) {
                throw new IllegalArgumentException("weight of " + request.name() + ": " + weight + " (expected: >= 1)");
            }
        }
    }

    private final List<Weighted> entries;
    private final CorpusRequest[] table;

    private RequestMix(List<Weighted> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a request mix needs at least one request");
        }
        this.entries = List.copyOf(entries);
        long total = entries.stream().mapToLong(Weighted::weight).sum();
        if (total > 100_000) {
            throw new IllegalArgumentException("weights add up to " + total + " (expected: <= 100000)");
        }
        List<CorpusRequest> expanded = new ArrayList<>();
        for (Weighted entry : entries) {
            for (int i = 0; i < entry.weight(); i++) {
                expanded.add(entry.request());
            }
        }
        this.table = expanded.toArray(new CorpusRequest[0]);
    }

    public static RequestMix of(List<Weighted> entries) {
        return new RequestMix(entries);
    }

    /** Only this request. */
    public static RequestMix only(CorpusRequest request) {
        return new RequestMix(List.of(new Weighted(request, 1)));
    }

    /**
     * The mix named on a command line: {@code all} (the whole corpus with its weights), an endpoint
     * ({@code r.cfm}, {@code sale.cfm}, …), or corpus names, comma-separated; each may carry a
     * weight as {@code name=3}.
     */
    public static RequestMix parse(String spec) {
        if (spec.equals("all")) {
            return RequestCorpus.standard();
        }
        List<Weighted> entries = new ArrayList<>();
        for (String part : spec.split(",")) {
            String name = part;
            int weight = 1;
            int eq = part.indexOf('=');
            if (eq > 0) {
                name = part.substring(0, eq);
                try {
                    weight = Integer.parseInt(part.substring(eq + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("mix: " + part + " (expected: NAME or NAME=WEIGHT)");
                }
            }
            List<Weighted> matched = new ArrayList<>();
            for (Weighted entry : RequestCorpus.standard().entries()) {
                if (entry.request().name().equals(name)
                        || entry.request().endpoint().equals(name)) {
                    matched.add(new Weighted(entry.request(), weight * entry.weight()));
                }
            }
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("mix: " + name + " (expected: all, an endpoint or a corpus name: "
                        + RequestCorpus.names() + ")");
            }
            entries.addAll(matched);
        }
        return new RequestMix(entries);
    }

    public List<Weighted> entries() {
        return entries;
    }

    /** The endpoints this mix hits. */
    public Set<String> endpoints() {
        Set<String> out = new LinkedHashSet<>();
        entries.forEach(e -> out.add(e.request().endpoint()));
        return out;
    }

    /** The next request, drawn by weight. */
    CorpusRequest draw(SplittableRandom random) {
        return table[random.nextInt(table.length)];
    }

    /** Name → weight, for the report. */
    public Map<String, Integer> describe() {
        Map<String, Integer> out = new TreeMap<>();
        entries.forEach(e -> out.merge(e.request().name(), e.weight(), Integer::sum));
        return out;
    }
}
