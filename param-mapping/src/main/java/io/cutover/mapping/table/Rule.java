package io.cutover.mapping.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One compiled line of a mapping file: which legacy parameter (and its aliases), what is done with
 * it, and which Awin parameter it becomes. Immutable; everything the translator needs per request
 * (the matching keys, the {@code name=} prefix, the enum table, the template positions) is
 * computed once here.
 */
public final class Rule {

    /** What a rule reader collects before a rule is built; mutable, confined to the reader. */
    static final class Spec {
        String legacyName = "";
        List<String> aliases = List.of();
        RuleKind kind;
        String target;
        int max;
        WhenEmpty whenEmpty = WhenEmpty.OMIT;
        String detail;
        Origin origin;
        Map<String, String> values = Map.of();
        String defaultValue;
        Options.Invalid invalid = Options.Invalid.OMIT;
        Options.Case caseRule = Options.Case.KEEP;
        char separator = ',';
        RuleKind of = RuleKind.TEXT;
        Condition when;
        String otherwise;
        Template template;
        List<String> zip = List.of();
        Options.Unequal unequal = Options.Unequal.SHORTEST;
        int maxRows;
        String cookie;
        String productTarget;
    }

    private final String legacyName;
    private final String key;
    private final List<String> aliases;
    private final String[] keys;
    private final RuleKind kind;
    private final String target;
    private final int max;
    private final WhenEmpty whenEmpty;
    private final String detail;
    private final Origin origin;
    private final String prefix;
    private final Map<String, String> values;
    private final String defaultValue;
    private final Options.Invalid invalid;
    private final Options.Case caseRule;
    private final char separator;
    private final RuleKind of;
    private final Condition when;
    private final String otherwise;
    private final Template template;
    private final List<String> zip;
    private final String[] zipKeys;
    private final Options.Unequal unequal;
    private final int maxRows;
    private final String cookie;
    private final String productTarget;
    private final String productPrefix;
    private final String description;

    Rule(Spec spec) {
        this.legacyName = spec.legacyName;
        this.key = lower(spec.legacyName);
        this.aliases = List.copyOf(spec.aliases);
        List<String> all = new ArrayList<>();
        all.add(key);
        for (String alias : aliases) {
            all.add(lower(alias));
        }
        this.keys = all.toArray(new String[0]);
        this.kind = spec.kind;
        this.target = spec.target;
        this.max = spec.max;
        this.whenEmpty = spec.whenEmpty;
        this.detail = spec.detail;
        this.origin = spec.origin;
        this.prefix = target == null ? null : target + '=';
        this.values = Map.copyOf(spec.values);
        this.defaultValue = spec.defaultValue;
        this.invalid = spec.invalid;
        this.caseRule = spec.caseRule;
        this.separator = spec.separator;
        this.of = spec.of;
        this.when = spec.when;
        this.otherwise = spec.otherwise;
        this.template = spec.template;
        this.zip = List.copyOf(spec.zip);
        this.zipKeys = zip.stream().map(Rule::lower).toArray(String[]::new);
        this.unequal = spec.unequal;
        this.maxRows = spec.maxRows;
        this.cookie = spec.cookie;
        this.productTarget = spec.productTarget;
        this.productPrefix = productTarget == null ? null : productTarget + '=';
        this.description = describe();
    }

    /** The legacy parameter name as written in the file; empty for rules without one. */
    public String legacyName() {
        return legacyName;
    }

    /** The legacy parameter name in lower case, for case-insensitive matching. */
    public String key() {
        return key;
    }

    /** Other legacy names of the same parameter, as written in the file ({@code X-type}). */
    public List<String> aliases() {
        return aliases;
    }

    /** How many names the rule answers to: its own key first, then its aliases. */
    public int keyCount() {
        return keys.length;
    }

    /** Name {@code i} in lower case; 0 is {@link #key()}. */
    public String key(int i) {
        return keys[i];
    }

    public RuleKind kind() {
        return kind;
    }

    /** The Awin parameter name, or {@code null} when the rule emits nothing of its own. */
    public String target() {
        return target;
    }

    /** {@code target=}, ready to append; {@code null} without a target. */
    public String prefix() {
        return prefix;
    }

    /** The cap in characters (code points) for subid and text rules; 0 for none. */
    public int max() {
        return max;
    }

    public WhenEmpty whenEmpty() {
        return whenEmpty;
    }

    /** The reason of a drop rule, the encoded value of a fixed one, the prefix of a prefix rule. */
    public String detail() {
        return detail;
    }

    public Origin origin() {
        return origin;
    }

    /** An enum's table: legacy value in lower case → Awin value. */
    public Map<String, String> values() {
        return values;
    }

    /** The value used when the parameter is absent, empty or (with {@code invalid: omit}) invalid. */
    public String defaultValue() {
        return defaultValue;
    }

    public Options.Invalid invalid() {
        return invalid;
    }

    public Options.Case caseRule() {
        return caseRule;
    }

    /** A list's item separator. */
    public char separator() {
        return separator;
    }

    /** A list's item type: text, integer, decimal or currency. */
    public RuleKind of() {
        return of;
    }

    /** When the rule applies, or {@code null} for always. */
    public Condition when() {
        return when;
    }

    /** The value emitted when the condition does not hold; {@code null} for nothing. */
    public String otherwise() {
        return otherwise;
    }

    /** A compose rule's value, or a rows rule's row. */
    public Template template() {
        return template;
    }

    /** A rows rule's zipped lists, by legacy name as written. */
    public List<String> zip() {
        return zip;
    }

    /** Zipped list {@code i}'s name in lower case. */
    public String zipKey(int i) {
        return zipKeys[i];
    }

    public Options.Unequal unequal() {
        return unequal;
    }

    /** A rows rule's cap on rows. */
    public int maxRows() {
        return maxRows;
    }

    /** A click-ref rule's cookie name prefix: the cookie is named prefix + Awin advertiser ID. */
    public String cookie() {
        return cookie;
    }

    /** The Awin parameter on the product route ({@code pclick.php}); {@code null}: left out there. */
    public String productTarget() {
        return productTarget;
    }

    /** {@code productTarget=}, ready to append. */
    public String productPrefix() {
        return productPrefix;
    }

    /** How the rule reads in explain output, e.g. {@code subid → clickref2 (max 255)}. */
    public String description() {
        return description;
    }

    private String describe() {
        switch (kind) {
            case DROP:
                return "drop";
            case FIXED:
                return "fixed → " + target + '=' + detail;
            case COMPOSE:
                return "compose → " + target + '=' + template;
            case ROWS:
                return "rows → " + target + "[n]=" + template + " zipping " + String.join(", ", zip) + " (unequal: "
                        + unequal.spelling() + ", at most " + maxRows + ')';
            case PREFIX:
                return "pass through every " + detail + "* parameter under its own name";
            default:
                StringBuilder text = new StringBuilder(kind.label());
                if (kind == RuleKind.LIST) {
                    text.append(" of ").append(of.label());
                }
                text.append(" → ").append(target == null ? "(used by other rules)" : target);
                if (!aliases.isEmpty()) {
                    text.append(" (also ").append(String.join(", ", aliases)).append(')');
                }
                if (max > 0) {
                    text.append(" (max ").append(max).append(')');
                }
                if (!values.isEmpty()) {
                    text.append(' ').append(new java.util.TreeMap<>(values));
                }
                if (when != null) {
                    text.append(", when ").append(when);
                    if (otherwise != null) {
                        text.append(", otherwise ").append(otherwise);
                    }
                }
                if (defaultValue != null) {
                    text.append(", default ").append(defaultValue);
                }
                if (caseRule != Options.Case.KEEP) {
                    text.append(", ").append(caseRule.spelling()).append(" case");
                }
                if (invalid == Options.Invalid.REJECT) {
                    text.append(", invalid: reject");
                }
                if (whenEmpty != WhenEmpty.OMIT) {
                    text.append(", when empty: ").append(whenEmpty.spelling());
                }
                if (cookie != null) {
                    text.append(", else cookie ").append(cookie).append("<advertiser>");
                }
                if (productTarget != null) {
                    text.append("; on the product route → ").append(productTarget);
                }
                return text.toString();
        }
    }

    private static String lower(String s) {
        return io.cutover.mapping.query.Ascii.lower(s);
    }

    @Override
    public String toString() {
        return (legacyName.isEmpty() ? "" : legacyName + ": ") + description + " @ " + origin;
    }
}
