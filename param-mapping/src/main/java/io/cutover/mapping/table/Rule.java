package io.cutover.mapping.table;

/**
 * One compiled line of a mapping file: which legacy parameter, what is done with it, and which Awin
 * parameter it becomes. Immutable; everything the translator needs per request (the matching key,
 * the {@code name=} prefix) is computed once here.
 */
public final class Rule {

    private final String legacyName;
    private final String key;
    private final RuleKind kind;
    private final String target;
    private final int max;
    private final WhenEmpty whenEmpty;
    private final String detail;
    private final Origin origin;
    private final String prefix;
    private final String description;

    Rule(
            String legacyName,
            String key,
            RuleKind kind,
            String target,
            int max,
            WhenEmpty whenEmpty,
            String detail,
            Origin origin) {
        this.legacyName = legacyName;
        this.key = key;
        this.kind = kind;
        this.target = target;
        this.max = max;
        this.whenEmpty = whenEmpty;
        this.detail = detail;
        this.origin = origin;
        this.prefix = target == null ? null : target + '=';
        this.description = describe();
    }

    /** The legacy parameter name as written in the file; empty for {@link RuleKind#FIXED}. */
    public String legacyName() {
        return legacyName;
    }

    /** The legacy parameter name in lower case, for case-insensitive matching. */
    public String key() {
        return key;
    }

    public RuleKind kind() {
        return kind;
    }

    /** The Awin parameter name, or {@code null} for {@link RuleKind#DROP}. */
    public String target() {
        return target;
    }

    /** {@code target=}, ready to append. */
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

    /** The reason of a drop rule, or the encoded value of a fixed parameter; else {@code null}. */
    public String detail() {
        return detail;
    }

    public Origin origin() {
        return origin;
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
            default:
                StringBuilder text =
                        new StringBuilder(kind.label()).append(" → ").append(target);
                if (max > 0) {
                    text.append(" (max ").append(max).append(')');
                }
                if (whenEmpty != WhenEmpty.OMIT) {
                    text.append(", when empty: ").append(whenEmpty.spelling());
                }
                return text.toString();
        }
    }

    @Override
    public String toString() {
        return (legacyName.isEmpty() ? "" : legacyName + ": ") + description + " @ " + origin;
    }
}
