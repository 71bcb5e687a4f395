package io.cutover.mapping.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A value built from others, e.g. {@code "{transtype}:{amount}"}: literal text and references to
 * the values of other rules, by legacy parameter name. Parsed once when the file is read; the
 * references are resolved to rule positions when the endpoint is compiled, so building a value
 * per request is a loop over an array, never a pattern match.
 */
public final class Template {

    private final String text;
    private final String[] literals;
    private final String[] names;
    private int[] rules;

    private Template(String text, List<String> literals, List<String> names) {
        this.text = text;
        this.literals = literals.toArray(new String[0]);
        this.names = names.toArray(new String[0]);
    }

    /**
     * Parses a template; {@code null} when a brace is unbalanced or a name is empty.
     *
     * <p>{@code literals[i]} precedes {@code names[i]}; the last literal follows the last name.
     */
    static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                return null;
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i + 1);
            if (close < 0 || close == i + 1 || text.substring(i + 1, close).indexOf('{') >= 0) {
                return null;
            }
            literals.add(literal.toString());
            literal.setLength(0);
            names.add(text.substring(i + 1, close));
            i = close + 1;
        }
        literals.add(literal.toString());
        return new Template(text, literals, names);
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** The legacy parameter names referred to, in order. */
    public List<String> names() {
        return List.of(names);
    }

    /** The literal before reference {@code i}; {@code literal(names().size())} is the tail. */
    public String literal(int i) {
        return literals[i];
    }

    /** How many references the template has. */
    public int size() {
        return names.length;
    }

    /** The position in the endpoint's rules of the rule behind reference {@code i}. */
    public int rule(int i) {
        return rules[i];
    }

    /** Set once while the endpoint is compiled, before the template is shared. */
    void resolve(int[] positions) {
        this.rules = positions.clone();
    }

    @Override
    public String toString() {
        return text;
    }
}
