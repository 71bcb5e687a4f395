package io.cutover.mapping.table;

import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.yaml.ProblemList;
import io.cutover.mapping.yaml.YamlMap;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one entry of a {@code params:} section, e.g.
 * {@code afftrack: { to: clickref2, as: subid, max: 255 }}, into a {@link Rule}, reporting every
 * mistake with its line.
 */
final class RuleReader {

    static final String KEYS = "one of to, as, lookup, max, when-empty, drop";
    static final String KINDS = "one of landing, subid, text, copy, lookup";

    /** ShareASale's own limit on afftrack (platforms.md §6.10), the default cap of a sub-ID. */
    static final int DEFAULT_SUBID_MAX = 255;

    static final int MAX_CAP = 10_000;

    private final String source;
    private final ProblemList problems;

    RuleReader(String source, ProblemList problems) {
        this.source = source;
        this.problems = problems;
    }

    /** The rule, or {@code null} when the entry has problems (all of them reported). */
    Rule read(String legacyName, NodeTuple tuple, String path) {
        int before = problems.problems().size() + problems.omitted();
        Node keyNode = tuple.getKeyNode();
        boolean nameOk = checkLegacyName(legacyName, keyNode, path);
        YamlMap entry = YamlMap.ofEntry(tuple, source, path, problems);
        if (entry == null) {
            return null;
        }
        Origin origin = new Origin(source, ProblemList.lineOf(keyNode));
        Rule rule = entry.has("drop") ? readDrop(entry, legacyName, origin) : readMapped(entry, legacyName, origin);
        entry.rejectUnknown(KEYS);
        boolean clean = problems.problems().size() + problems.omitted() == before;
        return nameOk && clean ? rule : null;
    }

    private Rule readDrop(YamlMap entry, String legacyName, Origin origin) {
        String reason = entry.scalar("drop");
        if (reason == null || reason.isBlank()) {
            problems.add(
                    source,
                    entry.line("drop"),
                    entry.child("drop") + ": missing reason (expected: why the parameter is not forwarded)");
        }
        for (String key : new String[] {"to", "as", "lookup", "max", "when-empty"}) {
            if (entry.has(key)) {
                problems.add(
                        source,
                        entry.line(key),
                        entry.child(key) + ": not allowed with drop (a dropped parameter is not forwarded)");
            }
        }
        return new Rule(
                legacyName,
                Ascii.lower(legacyName),
                RuleKind.DROP,
                null,
                0,
                WhenEmpty.OMIT,
                reason == null ? "" : reason.strip(),
                origin);
    }

    private Rule readMapped(YamlMap entry, String legacyName, Origin origin) {
        String target = entry.scalar("to");
        if (target == null) {
            problems.add(source, entry.line("to"), entry.child("to") + ": missing (expected: the Awin parameter name)");
        } else if (!isTargetName(target)) {
            problems.add(
                    source,
                    entry.value("to"),
                    entry.child("to") + ": " + Quoted.of(target)
                            + " (expected: a lower-case Awin parameter name of a-z, 0-9, _ - . [ ])");
        }
        RuleKind kind = readKind(entry);
        int max = readMax(entry, kind);
        WhenEmpty whenEmpty = readWhenEmpty(entry, kind);
        return kind == null
                ? null
                : new Rule(legacyName, Ascii.lower(legacyName), kind, target, max, whenEmpty, null, origin);
    }

    private RuleKind readKind(YamlMap entry) {
        String as = entry.scalar("as");
        String lookup = entry.scalar("lookup");
        boolean hasLookup = entry.has("lookup");
        if (as == null) {
            as = hasLookup ? "lookup" : "copy";
        }
        RuleKind kind;
        switch (as) {
            case "landing":
                kind = RuleKind.LANDING;
                break;
            case "subid":
                kind = RuleKind.SUBID;
                break;
            case "text":
                kind = RuleKind.TEXT;
                break;
            case "copy":
                kind = RuleKind.COPY;
                break;
            case "lookup":
                kind = readLookup(entry, lookup, hasLookup);
                break;
            default:
                problems.add(
                        source,
                        entry.value("as"),
                        entry.child("as") + ": " + Quoted.of(as) + " (expected: " + KINDS + ")");
                return null;
        }
        if (kind != null && kind != RuleKind.LOOKUP_MERCHANT && kind != RuleKind.LOOKUP_AFFILIATE && hasLookup) {
            problems.add(
                    source,
                    entry.line("lookup"),
                    entry.child("lookup") + ": not allowed with as: " + as
                            + " (lookup rules are written { to: …, lookup: merchant })");
        }
        return kind;
    }

    private RuleKind readLookup(YamlMap entry, String lookup, boolean hasLookup) {
        if (lookup == null) {
            if (!hasLookup || entry.value("lookup") instanceof ScalarNode) {
                problems.add(
                        source,
                        entry.line(hasLookup ? "lookup" : "as"),
                        entry.child("lookup") + ": missing (expected: merchant or affiliate)");
            }
            return null;
        }
        switch (lookup) {
            case "merchant":
                return RuleKind.LOOKUP_MERCHANT;
            case "affiliate":
                return RuleKind.LOOKUP_AFFILIATE;
            default:
                problems.add(
                        source,
                        entry.value("lookup"),
                        entry.child("lookup") + ": " + Quoted.of(lookup) + " (expected: merchant or affiliate)");
                return null;
        }
    }

    private int readMax(YamlMap entry, RuleKind kind) {
        if (!entry.has("max")) {
            return kind == RuleKind.SUBID ? DEFAULT_SUBID_MAX : 0;
        }
        String text = entry.scalar("max");
        if (kind != null && kind != RuleKind.SUBID && kind != RuleKind.TEXT) {
            problems.add(
                    source,
                    entry.line("max"),
                    entry.child("max") + ": not allowed with as: " + asName(kind)
                            + " (only subid and text values are capped)");
            return 0;
        }
        int max = parseCap(text);
        if (max < 0) {
            problems.add(
                    source,
                    entry.line("max"),
                    entry.child("max") + ": "
                            + (text == null ? "nothing" : Quoted.of(text))
                            + " (expected: a whole number from 1 to " + MAX_CAP + ")");
            return 0;
        }
        return max;
    }

    private WhenEmpty readWhenEmpty(YamlMap entry, RuleKind kind) {
        if (!entry.has("when-empty")) {
            return WhenEmpty.OMIT;
        }
        String text = entry.scalar("when-empty");
        WhenEmpty whenEmpty = null;
        for (WhenEmpty candidate : WhenEmpty.values()) {
            if (candidate.spelling().equals(text)) {
                whenEmpty = candidate;
            }
        }
        if (whenEmpty == null) {
            problems.add(
                    source,
                    entry.line("when-empty"),
                    entry.child("when-empty") + ": " + (text == null ? "nothing" : Quoted.of(text))
                            + " (expected: one of omit, keep, default-landing)");
            return WhenEmpty.OMIT;
        }
        if (kind == RuleKind.LOOKUP_MERCHANT || kind == RuleKind.LOOKUP_AFFILIATE) {
            problems.add(
                    source,
                    entry.line("when-empty"),
                    entry.child("when-empty") + ": not allowed with a lookup (the IDs are required)");
        } else if (whenEmpty == WhenEmpty.DEFAULT_LANDING && kind != null && kind != RuleKind.LANDING) {
            problems.add(
                    source,
                    entry.line("when-empty"),
                    entry.child("when-empty") + ": default-landing is only for as: landing");
        }
        return whenEmpty;
    }

    private boolean checkLegacyName(String name, Node keyNode, String path) {
        boolean ok = !name.isEmpty();
        for (int i = 0; i < name.length() && ok; i++) {
            char c = name.charAt(i);
            ok = c > ' ' && c < 0x7F && c != '=' && c != '&' && c != '#' && c != '%' && c != '+' && c != '?';
        }
        if (!ok) {
            problems.add(
                    source,
                    keyNode,
                    path + ": " + Quoted.of(name)
                            + " is not a query parameter name (expected: printable ASCII without = & # % + ?)");
        }
        return ok;
    }

    /** Awin documents its parameters in lower case and reads them case-sensitively (platforms.md §6.2). */
    static boolean isTargetName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || Ascii.isDigit(c)
                    || c == '_'
                    || c == '-'
                    || c == '.'
                    || c == '['
                    || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int parseCap(String text) {
        if (text == null || text.isEmpty() || text.length() > 6) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Ascii.isDigit(text.charAt(i))) {
                return -1;
            }
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value >= 1 && value <= MAX_CAP ? value : -1;
    }

    private static String asName(RuleKind kind) {
        switch (kind) {
            case LOOKUP_MERCHANT:
            case LOOKUP_AFFILIATE:
                return "lookup";
            default:
                return kind.label();
        }
    }
}
