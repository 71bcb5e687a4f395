package io.cutover.ops.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The finite values of the tags on the request's metrics, fixed at start: link kinds, event
 * fates, backends, backend attempt outcomes and rejection reasons.
 *
 * <p>Fixing them up front is what lets {@link EventMetrics} bind every series once and keeps
 * the metric's cardinality bounded whatever the traffic sends. Callers that keep the values in
 * an enum can list them in ordinal order and look handles up by ordinal.
 */
public record TagVocabulary(
        List<String> kinds,
        List<String> fates,
        List<String> backends,
        List<String> attemptOutcomes,
        List<String> rejectionReasons) {

    /** The vocabulary of Cutover's request path as designed; proxy-core may pass its own. */
    public static final TagVocabulary STANDARD = new TagVocabulary(
            List.of("r.cfm", "u.cfm", "m-pr.cfm", "sale.cfm"),
            List.of("primary", "legacy", "queued", "spooled", "overflow", "rejected"),
            List.of("primary", "legacy"),
            List.of(
                    "ok",
                    "connect",
                    "connection_limit",
                    "write",
                    "reset",
                    "read_timeout",
                    "bad_status",
                    "bad_response",
                    "deadline"),
            List.of("bad_request", "too_large", "header_too_large", "uri_too_long", "bad_method", "unmapped_rejected"));

    /** Copies the lists and checks that each is non-empty, without blanks or duplicates. */
    public TagVocabulary {
        kinds = checked("kinds", kinds);
        fates = checked("fates", fates);
        backends = checked("backends", backends);
        attemptOutcomes = checked("attemptOutcomes", attemptOutcomes);
        rejectionReasons = checked("rejectionReasons", rejectionReasons);
    }

    private static List<String> checked(String name, List<String> values) {
        Objects.requireNonNull(values, name);
        List<String> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(name + ": [] (expected: at least one value)");
        }
        Set<String> seen = new HashSet<>();
        for (String value : copy) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + ": " + copy + " (expected: no blank values)");
            }
            if (!seen.add(value)) {
                throw new IllegalArgumentException(
                        name + ": " + copy + " (expected: no duplicates, '" + value + "' twice)");
            }
        }
        return copy;
    }

    /** Position of each value in {@code values}, for allocation-free look-ups by name. */
    static Map<String, Integer> indexOf(List<String> values) {
        Map<String, Integer> index = new HashMap<>(values.size() * 2);
        for (int i = 0; i < values.size(); i++) {
            index.put(values.get(i), i);
        }
        return Map.copyOf(index);
    }
}
