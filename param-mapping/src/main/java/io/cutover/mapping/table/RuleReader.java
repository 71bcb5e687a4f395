package io.cutover.mapping.table;

import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.yaml.ProblemList;
import io.cutover.mapping.yaml.YamlMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one entry of a {@code params:} section, e.g.
 * {@code afftrack: { to: clickref2, as: subid, max: 255 }}, into a {@link Rule}, reporting every
 * mistake with its line and column.
 */
final class RuleReader {

    static final String KEYS = "one of to, as, lookup, max, when-empty, drop, aliases, values, default, invalid, "
            + "case, separator, of, when, otherwise, cookie, pclick";
    private static final String[] KEY_NAMES = KEYS.substring("one of ".length()).split(", ");

    static final String KINDS =
            "one of landing, subid, text, copy, integer, decimal, currency, enum, list, click-ref, product, lookup";
    static final String ITEM_KINDS = "one of text, integer, decimal, currency";

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
        boolean prefix = legacyName.endsWith("*");
        String name = prefix ? legacyName.substring(0, legacyName.length() - 1) : legacyName;
        boolean nameOk = checkLegacyName(name, keyNode, path);
        YamlMap entry = YamlMap.ofEntry(tuple, source, path, problems);
        if (entry == null) {
            return null;
        }
        Rule.Spec spec = new Rule.Spec();
        spec.legacyName = name;
        spec.origin = new Origin(source, ProblemList.positionOf(keyNode));
        boolean built;
        if (entry.has("drop")) {
            built = readDrop(entry, spec);
        } else if (prefix) {
            built = readPrefix(entry, spec);
        } else {
            built = readMapped(entry, spec);
        }
        if (!built) {
            // The kind could not be read: the other keys are not checked further, nor unknown.
            for (String key : KEY_NAMES) {
                entry.has(key);
            }
        }
        entry.rejectUnknown(KEYS);
        boolean clean = problems.problems().size() + problems.omitted() == before;
        return nameOk && clean && built ? new Rule(spec) : null;
    }

    private boolean readDrop(YamlMap entry, Rule.Spec spec) {
        String reason = entry.scalar("drop");
        if (reason == null || reason.isBlank()) {
            problems.add(
                    source,
                    entry.line("drop"),
                    entry.child("drop") + ": missing reason (expected: why the parameter is not forwarded)");
        }
        for (String key : new String[] {"to", "as", "lookup", "max", "when-empty", "values", "default", "when"}) {
            if (entry.has(key)) {
                problems.add(
                        source,
                        entry.line(key),
                        entry.child(key) + ": not allowed with drop (a dropped parameter is not forwarded)");
            }
        }
        spec.aliases = readAliases(entry);
        spec.kind = RuleKind.DROP;
        spec.detail = reason == null ? "" : reason.strip();
        return true;
    }

    /** {@code utm_*: { as: copy }}: every parameter with the prefix, under its own name. */
    private boolean readPrefix(YamlMap entry, Rule.Spec spec) {
        String as = entry.scalar("as");
        if (as != null && !as.equals("copy")) {
            problems.add(
                    source,
                    entry.value("as"),
                    entry.child("as") + ": " + Quoted.of(as)
                            + " (expected: copy; a prefix rule forwards each parameter as received)");
        }
        for (String key : new String[] {"to", "lookup", "max", "values", "default", "when", "aliases", "pclick"}) {
            if (entry.has(key)) {
                problems.add(
                        source,
                        entry.line(key),
                        entry.child(key) + ": not allowed on a prefix rule (each parameter keeps its own name)");
            }
        }
        spec.kind = RuleKind.PREFIX;
        spec.detail = Ascii.lower(spec.legacyName);
        return true;
    }

    private boolean readMapped(YamlMap entry, Rule.Spec spec) {
        RuleKind kind = readKind(entry);
        if (kind == null) {
            return false;
        }
        spec.kind = kind;
        String target = entry.scalar("to");
        boolean usedElsewhere = kind == RuleKind.ENUM
                || kind == RuleKind.LIST
                || kind == RuleKind.PRODUCT
                || kind == RuleKind.INTEGER
                || kind == RuleKind.DECIMAL
                || kind == RuleKind.TEXT;
        if (target == null) {
            if (!usedElsewhere || entry.has("to")) {
                problems.add(
                        source, entry.line("to"), entry.child("to") + ": missing (expected: the Awin parameter name)");
            }
        } else if (!isTargetName(target)) {
            problems.add(
                    source,
                    entry.value("to"),
                    entry.child("to") + ": " + Quoted.of(target)
                            + " (expected: a lower-case Awin parameter name of a-z, 0-9, _ - . [ ])");
        }
        spec.target = target;
        spec.aliases = readAliases(entry);
        spec.max = readMax(entry, kind);
        spec.whenEmpty = readWhenEmpty(entry, kind);
        spec.values = readValues(entry, kind);
        spec.defaultValue = readDefault(entry, kind, spec.values);
        spec.invalid = readChoice(entry, "invalid", Options.Invalid.class, Options.Invalid.OMIT);
        spec.caseRule = readChoice(entry, "case", Options.Case.class, Options.Case.KEEP);
        if (entry.has("invalid") && !kind.isTyped()) {
            problems.add(
                    source,
                    entry.line("invalid"),
                    entry.child("invalid") + ": not allowed with as: " + asName(kind)
                            + " (only typed values can be invalid: integer, decimal, currency, enum, list)");
        }
        readListOptions(entry, kind, spec);
        readCondition(entry, spec);
        spec.cookie = readCookie(entry, kind);
        spec.productTarget = readProductTarget(entry);
        if (kind == RuleKind.PRODUCT && target != null) {
            problems.add(
                    source,
                    entry.line("to"),
                    entry.child("to") + ": not allowed with as: product (the product steers the deep link; "
                            + "write its pclick.php name as pclick: p)");
        }
        return true;
    }

    private RuleKind readKind(YamlMap entry) {
        String as = entry.scalar("as");
        String lookup = entry.scalar("lookup");
        boolean hasLookup = entry.has("lookup");
        if (as == null) {
            as = hasLookup ? "lookup" : "copy";
        }
        RuleKind kind = as.equals("lookup") ? readLookup(entry, lookup, hasLookup) : kindOf(as);
        if (kind == null) {
            if (!as.equals("lookup")) {
                problems.add(
                        source,
                        entry.value("as"),
                        entry.child("as") + ": " + Quoted.of(as) + " (expected: " + KINDS + ")");
            }
            return null;
        }
        if (kind != RuleKind.LOOKUP_MERCHANT && kind != RuleKind.LOOKUP_AFFILIATE && hasLookup) {
            problems.add(
                    source,
                    entry.line("lookup"),
                    entry.child("lookup") + ": not allowed with as: " + as
                            + " (lookup rules are written { to: …, lookup: merchant })");
        }
        return kind;
    }

    private static RuleKind kindOf(String as) {
        switch (as) {
            case "landing":
                return RuleKind.LANDING;
            case "subid":
                return RuleKind.SUBID;
            case "text":
                return RuleKind.TEXT;
            case "copy":
                return RuleKind.COPY;
            case "integer":
                return RuleKind.INTEGER;
            case "decimal":
                return RuleKind.DECIMAL;
            case "currency":
                return RuleKind.CURRENCY;
            case "enum":
                return RuleKind.ENUM;
            case "list":
                return RuleKind.LIST;
            case "click-ref":
                return RuleKind.CLICK_REF;
            case "product":
                return RuleKind.PRODUCT;
            default:
                return null;
        }
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

    private List<String> readAliases(YamlMap entry) {
        Node node = entry.value("aliases");
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            problems.add(
                    source,
                    node,
                    entry.child("aliases") + ": " + YamlMap.describe(node)
                            + " (expected: a list of other legacy names, e.g. [X-type])");
            return List.of();
        }
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String alias = YamlMap.text(item);
            String path = entry.child("aliases") + "[" + i + "]";
            if (alias == null || !(item instanceof ScalarNode)) {
                problems.add(source, item, path + ": " + YamlMap.describe(item) + " (expected: a legacy name)");
            } else if (checkLegacyName(alias, item, path)) {
                aliases.add(alias);
            }
        }
        return aliases;
    }

    private int readMax(YamlMap entry, RuleKind kind) {
        if (!entry.has("max")) {
            return kind == RuleKind.SUBID ? DEFAULT_SUBID_MAX : 0;
        }
        String text = entry.scalar("max");
        if (kind != RuleKind.SUBID && kind != RuleKind.TEXT && kind != RuleKind.LIST) {
            problems.add(
                    source,
                    entry.line("max"),
                    entry.child("max") + ": not allowed with as: " + asName(kind)
                            + " (only subid, text and list values are capped)");
            return 0;
        }
        int max = parseCap(text, MAX_CAP);
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
        WhenEmpty whenEmpty = Options.parse(WhenEmpty.class, text);
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
        } else if (whenEmpty == WhenEmpty.DEFAULT_LANDING && kind != RuleKind.LANDING) {
            problems.add(
                    source,
                    entry.line("when-empty"),
                    entry.child("when-empty") + ": default-landing is only for as: landing");
        } else if (whenEmpty == WhenEmpty.KEEP && entry.has("default")) {
            problems.add(
                    source,
                    entry.line("when-empty"),
                    entry.child("when-empty") + ": keep conflicts with default: (expected: one of the two)");
        }
        return whenEmpty;
    }

    /** An enum's table, {@code values: { sale: DEFAULT, lead: LEAD }}; legacy values case-insensitive. */
    private Map<String, String> readValues(YamlMap entry, RuleKind kind) {
        Node node = entry.value("values");
        if (kind != RuleKind.ENUM) {
            if (node != null) {
                problems.add(
                        source,
                        entry.line("values"),
                        entry.child("values") + ": not allowed with as: " + asName(kind) + " (only enum rules)");
            }
            return Map.of();
        }
        if (node == null) {
            problems.add(
                    source,
                    entry.line("as"),
                    entry.child("values") + ": missing (expected: legacy value: Awin value, e.g. { sale: DEFAULT })");
            return Map.of();
        }
        if (!(node instanceof MappingNode)) {
            problems.add(
                    source,
                    node,
                    entry.child("values") + ": " + YamlMap.describe(node) + " (expected: a mapping of legacy value: "
                            + "Awin value)");
            return Map.of();
        }
        YamlMap map = YamlMap.of(node, source, entry.child("values"), problems);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Node> written = new LinkedHashMap<>();
        for (NodeTuple tuple : map.entries()) {
            String legacy = YamlMap.text(tuple.getKeyNode());
            String awin = YamlMap.text(tuple.getValueNode());
            String path = map.child(legacy);
            if (awin == null || !(tuple.getValueNode() instanceof ScalarNode)) {
                problems.add(
                        source,
                        tuple.getValueNode(),
                        path + ": " + YamlMap.describe(tuple.getValueNode()) + " (expected: the Awin value)");
                continue;
            }
            String key = Ascii.lower(legacy.strip());
            Node first = written.putIfAbsent(key, tuple.getKeyNode());
            if (first != null) {
                problems.add(
                        source,
                        tuple.getKeyNode(),
                        path + ": same legacy value as " + Quoted.of(YamlMap.text(first)) + " (at "
                                + ProblemList.positionOf(first) + "); values match case-insensitively");
                continue;
            }
            values.put(key, awin);
        }
        if (map.entries().isEmpty()) {
            problems.add(source, node, entry.child("values") + ": empty (expected: at least one legacy value)");
        }
        return values;
    }

    private String readDefault(YamlMap entry, RuleKind kind, Map<String, String> values) {
        if (!entry.has("default")) {
            return null;
        }
        String value = entry.scalar("default");
        if (value == null) {
            problems.add(source, entry.line("default"), entry.child("default") + ": nothing (expected: a value)");
            return null;
        }
        switch (kind) {
            case LOOKUP_MERCHANT:
            case LOOKUP_AFFILIATE:
            case LANDING:
            case CLICK_REF:
            case PRODUCT:
                problems.add(
                        source,
                        entry.line("default"),
                        entry.child("default") + ": not allowed with as: " + asName(kind)
                                + " (its value comes from the request or the directory)");
                return null;
            case ENUM:
                if (!values.isEmpty() && !values.containsValue(value)) {
                    problems.add(
                            source,
                            entry.value("default"),
                            entry.child("default") + ": " + Quoted.of(value) + " (expected: one of the Awin values "
                                    + String.join(", ", new java.util.TreeSet<>(values.values())) + ")");
                }
                return value;
            default:
                return value;
        }
    }

    private <E extends Enum<E>> E readChoice(YamlMap entry, String key, Class<E> type, E fallback) {
        if (!entry.has(key)) {
            return fallback;
        }
        String text = entry.scalar(key);
        E value = Options.parse(type, text);
        if (value == null) {
            problems.add(
                    source,
                    entry.value(key),
                    entry.child(key) + ": " + (text == null ? "nothing" : Quoted.of(text)) + " (expected: "
                            + Options.expected(type) + ")");
            return fallback;
        }
        return value;
    }

    private void readListOptions(YamlMap entry, RuleKind kind, Rule.Spec spec) {
        boolean list = kind == RuleKind.LIST;
        for (String key : new String[] {"separator", "of"}) {
            if (entry.has(key) && !list) {
                problems.add(
                        source,
                        entry.line(key),
                        entry.child(key) + ": not allowed with as: " + asName(kind) + " (only list rules)");
            }
        }
        if (!list) {
            return;
        }
        String separator = entry.scalar("separator");
        if (separator != null) {
            if (separator.length() != 1 || separator.charAt(0) <= ' ' || separator.charAt(0) >= 0x7F) {
                problems.add(
                        source,
                        entry.value("separator"),
                        entry.child("separator") + ": " + Quoted.of(separator)
                                + " (expected: one printable ASCII character, e.g. ',')");
            } else {
                spec.separator = separator.charAt(0);
            }
        }
        String of = entry.scalar("of");
        if (of != null) {
            RuleKind item = kindOf(of);
            if (item != RuleKind.TEXT
                    && item != RuleKind.INTEGER
                    && item != RuleKind.DECIMAL
                    && item != RuleKind.CURRENCY) {
                problems.add(
                        source,
                        entry.value("of"),
                        entry.child("of") + ": " + Quoted.of(of) + " (expected: " + ITEM_KINDS + ")");
            } else {
                spec.of = item;
            }
        }
    }

    /** {@code when: { autovoid: "1" }} or {@code when: { transtype: [sale, lead] }}, plus {@code otherwise:}. */
    private void readCondition(YamlMap entry, Rule.Spec spec) {
        Node node = entry.value("when");
        if (node == null) {
            if (entry.has("otherwise")) {
                problems.add(
                        source,
                        entry.line("otherwise"),
                        entry.child("otherwise") + ": not allowed without when: (it is the value when the condition "
                                + "does not hold)");
            }
            return;
        }
        YamlMap map = YamlMap.of(node, source, entry.child("when"), problems);
        if (map == null) {
            return;
        }
        if (map.entries().size() != 1) {
            problems.add(
                    source,
                    node,
                    entry.child("when") + ": " + map.entries().size()
                            + " parameters (expected: exactly one, e.g. { autovoid: \"1\" })");
            return;
        }
        NodeTuple tuple = map.entries().get(0);
        String name = YamlMap.text(tuple.getKeyNode());
        Node valueNode = tuple.getValueNode();
        List<String> values = new ArrayList<>();
        if (valueNode instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                String text = YamlMap.text(item);
                if (text != null) {
                    values.add(Ascii.lower(text.strip()));
                }
            }
        } else if (YamlMap.text(valueNode) != null) {
            values.add(Ascii.lower(YamlMap.text(valueNode).strip()));
        }
        if (values.isEmpty()) {
            problems.add(
                    source,
                    valueNode,
                    map.child(name) + ": " + YamlMap.describe(valueNode)
                            + " (expected: a value or a list of values that make the rule apply)");
            return;
        }
        spec.when = new Condition(Ascii.lower(name), name, values);
        if (entry.has("otherwise")) {
            String otherwise = entry.scalar("otherwise");
            if (otherwise == null || otherwise.isEmpty()) {
                problems.add(
                        source,
                        entry.line("otherwise"),
                        entry.child("otherwise") + ": nothing (expected: the value when the condition does not "
                                + "hold; leave the key out to emit nothing)");
            }
            spec.otherwise = otherwise;
        }
    }

    private String readCookie(YamlMap entry, RuleKind kind) {
        String cookie = entry.scalar("cookie");
        if (kind != RuleKind.CLICK_REF) {
            if (entry.has("cookie")) {
                problems.add(
                        source,
                        entry.line("cookie"),
                        entry.child("cookie") + ": not allowed with as: " + asName(kind) + " (only click-ref rules)");
            }
            return null;
        }
        if (cookie == null) {
            return null;
        }
        for (int i = 0; i < cookie.length(); i++) {
            char c = cookie.charAt(i);
            if (!(Ascii.isAlpha(c) || Ascii.isDigit(c) || c == '_' || c == '-')) {
                problems.add(
                        source,
                        entry.value("cookie"),
                        entry.child("cookie") + ": " + Quoted.of(cookie)
                                + " (expected: a cookie name prefix of letters, digits, _ and -, e.g. aw)");
                return null;
            }
        }
        return cookie.isEmpty() ? null : cookie;
    }

    private String readProductTarget(YamlMap entry) {
        String target = entry.scalar("pclick");
        if (target != null && !isTargetName(target)) {
            problems.add(
                    source,
                    entry.value("pclick"),
                    entry.child("pclick") + ": " + Quoted.of(target)
                            + " (expected: a lower-case Awin parameter name of a-z, 0-9, _ - . [ ])");
            return null;
        }
        return target;
    }

    boolean checkLegacyName(String name, Node keyNode, String path) {
        boolean ok = !name.isEmpty();
        for (int i = 0; i < name.length() && ok; i++) {
            char c = name.charAt(i);
            ok = c > ' ' && c < 0x7F && c != '=' && c != '&' && c != '#' && c != '%' && c != '+' && c != '?'
                    && c != '*';
        }
        if (!ok) {
            problems.add(
                    source,
                    keyNode,
                    path + ": " + Quoted.of(name)
                            + " is not a query parameter name (expected: printable ASCII without = & # % + ? *, "
                            + "or a prefix ending in *)");
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

    static int parseCap(String text, int limit) {
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
        return value >= 1 && value <= limit ? value : -1;
    }

    static String asName(RuleKind kind) {
        switch (kind) {
            case LOOKUP_MERCHANT:
            case LOOKUP_AFFILIATE:
                return "lookup";
            default:
                return kind.label();
        }
    }
}
