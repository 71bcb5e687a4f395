package io.cutover.mapping.table;

import java.util.List;

/**
 * When a rule applies: {@code when: { autovoid: "1" }} holds when the legacy parameter's value,
 * form-decoded, trimmed and compared case-insensitively, is one of the listed values.
 *
 * @param key the legacy parameter in lower case
 * @param name the legacy parameter as written in the file
 * @param values the values that make the condition hold, lower-cased
 */
public record Condition(String key, String name, List<String> values) {

    public Condition {
        values = List.copyOf(values);
    }

    /** Whether a normalised (decoded, trimmed, lower-cased) value makes the condition hold. */
    public boolean holds(String normalised) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals(normalised)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + " is " + String.join(" or ", values);
    }
}
