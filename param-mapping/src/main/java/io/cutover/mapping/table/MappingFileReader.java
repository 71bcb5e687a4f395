package io.cutover.mapping.table;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.query.PercentEncoder;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.yaml.ProblemList;
import io.cutover.mapping.yaml.YamlDocuments;
import io.cutover.mapping.yaml.YamlMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads one mapping file (one endpoint per YAML document, documents separated by {@code ---}) into
 * endpoint mappings, reporting every problem with its line. Cross-file checks (an endpoint mapped
 * twice) are {@link MappingTable}'s.
 */
final class MappingFileReader {

    static final String TOP_KEYS = "one of endpoint, primary, fixed, params";
    static final String ENDPOINTS = "one of /r.cfm, /u.cfm, /m-pr.cfm, /sale.cfm";

    /**
     * Consent must reach Awin untouched on every click, or Awin would track against a shopper's
     * refusal (platforms.md §3.2, §6.11); a file that loses one of these rules is refused.
     */
    static final List<String> CONSENT = List.of("cons", "gdpr", "gdpr_consent");

    private final String source;
    private final ProblemList problems;
    private final RuleReader rules;

    private MappingFileReader(String source, ProblemList problems) {
        this.source = source;
        this.problems = problems;
        this.rules = new RuleReader(source, problems);
    }

    /** The endpoints of a file that are free of problems; the problems go to {@code problems}. */
    static List<EndpointMapping> read(MappingSource file, ProblemList problems) {
        MappingFileReader reader = new MappingFileReader(file.name(), problems);
        List<Node> documents = YamlDocuments.compose(file.name(), file.text(), problems);
        if (documents.isEmpty() && problems.isEmpty()) {
            problems.add(file.name(), 1, "no endpoint in this file (expected: endpoint:, primary: and params:)");
        }
        List<EndpointMapping> endpoints = new ArrayList<>();
        for (Node document : documents) {
            EndpointMapping endpoint = reader.readEndpoint(document);
            if (endpoint != null) {
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    private EndpointMapping readEndpoint(Node document) {
        int before = problemCount();
        YamlMap top = YamlMap.of(document, source, "", problems);
        if (top == null) {
            return null;
        }
        LinkKind kind = readKind(top);
        String primary = readPrimary(top);
        List<Positioned> read = new ArrayList<>();
        readFixed(top, read);
        readParams(top, read);
        top.rejectUnknown(TOP_KEYS);
        read.sort(Comparator.comparingInt(Positioned::position));
        List<Rule> compiled = new ArrayList<>(read.size());
        for (Positioned positioned : read) {
            compiled.add(positioned.rule());
        }
        if (kind != null) {
            checkRules(kind, compiled, top);
        }
        if (problemCount() != before) {
            return null;
        }
        return new EndpointMapping(kind, primary, compiled, new Origin(source, ProblemList.lineOf(document)));
    }

    private LinkKind readKind(YamlMap top) {
        String endpoint = top.scalar("endpoint");
        if (endpoint == null) {
            if (top.isMissing("endpoint")) {
                problems.add(source, top.line("endpoint"), "endpoint: missing (expected: " + ENDPOINTS + ")");
            }
            return null;
        }
        LinkKind kind = LinkKind.ofPath(endpoint);
        if (kind == LinkKind.PASS_THROUGH) {
            problems.add(
                    source,
                    top.value("endpoint"),
                    "endpoint: " + Quoted.of(endpoint) + " (expected: " + ENDPOINTS + ")");
            return null;
        }
        return kind;
    }

    private String readPrimary(YamlMap top) {
        String primary = top.scalar("primary");
        if (primary == null) {
            if (!top.isMissing("primary")) {
                return null;
            }
            problems.add(source, top.line("primary"), "primary: missing (expected: the path on Awin, e.g. /cread.php)");
            return null;
        }
        if (!isPath(primary)) {
            problems.add(
                    source,
                    top.value("primary"),
                    "primary: " + Quoted.of(primary) + " (expected: an absolute path without query, e.g. /cread.php)");
        }
        return primary;
    }

    private void readFixed(YamlMap top, List<Positioned> into) {
        Node node = top.value("fixed");
        if (node == null) {
            return;
        }
        YamlMap fixed = YamlMap.of(node, source, "fixed", problems);
        if (fixed == null) {
            return;
        }
        for (NodeTuple tuple : fixed.entries()) {
            String name = YamlMap.text(tuple.getKeyNode());
            String path = fixed.child(name);
            if (!RuleReader.isTargetName(name)) {
                problems.add(
                        source,
                        tuple.getKeyNode(),
                        path + ": " + Quoted.of(name)
                                + " is not a lower-case Awin parameter name (expected: a-z, 0-9, _ - . [ ])");
                continue;
            }
            String value = YamlMap.text(tuple.getValueNode());
            if (value == null) {
                problems.add(
                        source,
                        tuple.getValueNode(),
                        path + ": " + YamlMap.describe(tuple.getValueNode()) + " (expected: the constant value)");
                continue;
            }
            Rule rule = new Rule(
                    "",
                    "",
                    RuleKind.FIXED,
                    name,
                    0,
                    WhenEmpty.OMIT,
                    PercentEncoder.encodeComponent(value),
                    new Origin(source, ProblemList.lineOf(tuple.getKeyNode())));
            into.add(new Positioned(tuple.getKeyNode().getStartMark().getIndex(), rule));
        }
    }

    private void readParams(YamlMap top, List<Positioned> into) {
        Node node = top.value("params");
        if (node == null) {
            problems.add(source, top.line("params"), "params: missing (expected: a mapping of legacy parameter: rule)");
            return;
        }
        YamlMap params = YamlMap.of(node, source, "params", problems);
        if (params == null) {
            return;
        }
        for (NodeTuple tuple : params.entries()) {
            String name = YamlMap.text(tuple.getKeyNode());
            String path = params.child(name);
            Rule rule = rules.read(name, tuple, path);
            if (rule != null) {
                into.add(new Positioned(tuple.getKeyNode().getStartMark().getIndex(), rule));
            }
        }
    }

    /** Endpoint-wide checks: the identity lookups, one landing, distinct names and targets. */
    private void checkRules(LinkKind kind, List<Rule> compiled, YamlMap top) {
        Map<String, Rule> byKey = new HashMap<>();
        Map<String, Rule> byTarget = new HashMap<>();
        Rule merchant = null;
        Rule affiliate = null;
        Rule landing = null;
        for (Rule rule : compiled) {
            String path = rule.kind() == RuleKind.FIXED ? "fixed." + rule.target() : "params." + rule.legacyName();
            if (rule.kind() != RuleKind.FIXED) {
                Rule same = byKey.putIfAbsent(rule.key(), rule);
                if (same != null) {
                    problem(
                            rule,
                            path + ": same parameter as params." + same.legacyName() + " (line "
                                    + same.origin().line() + "); legacy names are case-insensitive");
                }
            }
            if (rule.target() != null) {
                Rule same = byTarget.putIfAbsent(rule.target(), rule);
                if (same != null) {
                    problem(
                            rule,
                            path + ": " + rule.target() + " is already emitted by the rule at line "
                                    + same.origin().line() + " (expected: each Awin parameter once)");
                }
            }
            if (rule.kind() == RuleKind.LOOKUP_MERCHANT) {
                merchant = second(merchant, rule, path, "merchant");
            } else if (rule.kind() == RuleKind.LOOKUP_AFFILIATE) {
                affiliate = second(affiliate, rule, path, "affiliate");
            } else if (rule.kind() == RuleKind.LANDING) {
                if (landing != null) {
                    problem(
                            rule,
                            path + ".as: a second landing rule (expected: at most one; the first is at line "
                                    + landing.origin().line() + ")");
                } else {
                    landing = rule;
                }
            }
        }
        if (merchant == null) {
            problems.add(
                    source,
                    top.line("params"),
                    "params: no rule with lookup: merchant (expected: exactly one; it carries the merchant ID)");
        }
        if (affiliate == null && kind.isClick()) {
            problems.add(
                    source,
                    top.line("params"),
                    "params: no rule with lookup: affiliate (expected: exactly one on " + kind.legacyPath()
                            + "; it carries the affiliate ID)");
        }
        if (kind.isClick()) {
            checkConsent(byKey, top);
        }
    }

    private void checkConsent(Map<String, Rule> byKey, YamlMap top) {
        for (String name : CONSENT) {
            Rule rule = byKey.get(name);
            if (rule == null) {
                problems.add(
                        source,
                        top.line("params"),
                        "params: no rule for " + name + " (expected: " + name + ": { to: " + name
                                + " }; consent must reach Awin untouched, platforms.md §6.11)");
            } else if (rule.kind() != RuleKind.COPY || !name.equals(rule.target())) {
                problem(
                        rule,
                        "params." + rule.legacyName() + ": " + rule.description() + " (expected: { to: " + name
                                + " }; consent must reach Awin untouched, platforms.md §6.11)");
            }
        }
    }

    private Rule second(Rule first, Rule rule, String path, String what) {
        if (first == null) {
            return rule;
        }
        problem(
                rule,
                path + ".lookup: a second " + what + " lookup (expected: exactly one; the first is params."
                        + first.legacyName() + " at line " + first.origin().line() + ")");
        return first;
    }

    private void problem(Rule rule, String message) {
        problems.add(source, rule.origin().line(), message);
    }

    private int problemCount() {
        return problems.problems().size() + problems.omitted();
    }

    private static boolean isPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/' || path.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '?' || c == '#' || c == '\\' || c == '%') {
                return false;
            }
        }
        return true;
    }

    private record Positioned(int position, Rule rule) {}
}
