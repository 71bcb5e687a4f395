package io.cutover.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A translation with every step recorded, for {@code cutover explain URL}: what each legacy
 * parameter was, which rule applied, what it became, and anything notable (a deep link refused, a
 * sub-ID capped, pairs re-attached to a landing URL). Plain data; {@code proxy-core} renders it as
 * text or JSON.
 *
 * @param kind the link kind of the request
 * @param rawQuery the query as given, without {@code ?}
 * @param mapping the endpoint mapping applied, e.g. {@code /r.cfm → /cread.php (r-cfm.yaml:4)}; empty
 *     when the table has none for this kind
 * @param steps one step per table rule in file order (which is also the order of the Awin
 *     parameters), each followed by what belongs to it (ignored duplicates, pairs re-attached to
 *     a landing URL), then the parameters the table does not know, in query order
 * @param result the same result {@link Translator#translate} gives
 */
public record Explanation(
        LinkKind kind, String rawQuery, Optional<String> mapping, List<Step> steps, MappingResult result) {

    public Explanation {
        Objects.requireNonNull(result, "result");
        steps = List.copyOf(steps);
    }

    /**
     * One line of an explanation.
     *
     * @param parameter the legacy parameter as written in the request (or in the table when
     *     absent from the request); {@code (fixed)} for constant Awin parameters
     * @param rawValue the raw value from the request; empty when the parameter is absent
     * @param rule the rule applied, e.g. {@code subid → clickref2 (max 255)}, or
     *     {@code not in the mapping table}
     * @param result what came of it, e.g. {@code clickref2=nov}, {@code omitted (empty)},
     *     {@code not forwarded}
     * @param note something notable, e.g. {@code host evil.com is not an allowed domain of
     *     merchant 41388 → default landing}
     * @param source where the rule is written, e.g. {@code r-cfm.yaml:12}
     */
    public record Step(
            String parameter,
            Optional<String> rawValue,
            String rule,
            String result,
            Optional<String> note,
            Optional<String> source) {}

    /** {@code mapped}, {@code unmapped} or {@code rejected}. */
    public String outcome() {
        if (result instanceof Mapped) {
            return "mapped";
        }
        return result instanceof Unmapped ? "unmapped" : "rejected";
    }

    /** The request for the primary ({@code /cread.php?…}) when mapped. */
    public Optional<String> upstream() {
        return result instanceof Mapped
                ? Optional.of(((Mapped) result).primary().pathAndQuery())
                : Optional.empty();
    }

    /** Why the request was not mapped. */
    public Optional<String> reason() {
        if (result instanceof Unmapped) {
            return Optional.of(((Unmapped) result).reason());
        }
        return result instanceof Rejected ? Optional.of(((Rejected) result).reason()) : Optional.empty();
    }

    /** Where Cutover itself would send the shopper if no backend answers. */
    public Optional<String> landing() {
        if (result instanceof Mapped) {
            return Optional.of(((Mapped) result).landing());
        }
        return result instanceof Unmapped ? ((Unmapped) result).landing() : Optional.empty();
    }
}
