package io.cutover.mapping.table;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.landing.LandingUrl;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.LegacyId;
import io.cutover.mapping.query.PercentEncoder;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.yaml.ProblemList;
import io.cutover.mapping.yaml.YamlDocuments;
import io.cutover.mapping.yaml.YamlMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one mapping file (one endpoint per YAML document, documents separated by {@code ---}) into
 * endpoint mappings, reporting every problem with its line and column. Cross-file checks (an
 * endpoint mapped twice) are {@link MappingTable}'s.
 */
final class MappingFileReader {

    static final String TOP_KEYS = "one of endpoint, primary, unknown, fixed, params, compose, rows, products";
    static final String ENDPOINTS = "one of /r.cfm, /u.cfm, /m-pr.cfm, /sale.cfm";
    static final String ROW_KEYS = "one of zip, row, unequal, max";

    /** Awin's S2S call takes product rows; far more than a basket holds, far less than a URL limit. */
    static final int DEFAULT_MAX_ROWS = 50;

    static final int MAX_ROWS = 500;

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
        String primary = readPrimary(top, "primary", top.value("primary"), true);
        Options.Unknown unknown = readUnknown(top);
        List<Positioned> read = new ArrayList<>();
        readFixed(top, read);
        readParams(top, read);
        readCompose(top, read);
        readRows(top, read);
        ProductLookup products = readProducts(top);
        top.rejectUnknown(TOP_KEYS);
        read.sort(Comparator.comparingInt(Positioned::position));
        List<Rule> compiled = new ArrayList<>(read.size());
        for (Positioned positioned : read) {
            compiled.add(positioned.rule());
        }
        if (kind != null) {
            checkRules(kind, compiled, top, products);
        }
        if (problemCount() != before) {
            return null;
        }
        return new EndpointMapping(
                kind,
                primary,
                compiled,
                new Origin(source, ProblemList.positionOf(document)),
                unknown,
                products == null ? ProductLookup.NONE : products);
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

    private String readPrimary(YamlMap map, String key, Node node, boolean required) {
        String path = map.child(key);
        String primary = map.scalar(key);
        if (primary == null) {
            if (!map.isMissing(key) || !required) {
                return null;
            }
            problems.add(source, map.line(key), path + ": missing (expected: the path on Awin, e.g. /cread.php)");
            return null;
        }
        if (!isPath(primary)) {
            problems.add(
                    source,
                    node,
                    path + ": " + Quoted.of(primary) + " (expected: an absolute path without query, e.g. /cread.php)");
        }
        return primary;
    }

    private Options.Unknown readUnknown(YamlMap top) {
        if (!top.has("unknown")) {
            return Options.Unknown.DROP;
        }
        String text = top.scalar("unknown");
        Options.Unknown unknown = Options.parse(Options.Unknown.class, text);
        if (unknown == null) {
            problems.add(
                    source,
                    top.value("unknown"),
                    "unknown: " + (text == null ? "nothing" : Quoted.of(text)) + " (expected: "
                            + Options.expected(Options.Unknown.class) + ")");
            return Options.Unknown.DROP;
        }
        return unknown;
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
            if (!checkTarget(name, tuple.getKeyNode(), path)) {
                continue;
            }
            String value = YamlMap.text(tuple.getValueNode());
            if (value == null || !(tuple.getValueNode() instanceof ScalarNode)) {
                problems.add(
                        source,
                        tuple.getValueNode(),
                        path + ": " + YamlMap.describe(tuple.getValueNode()) + " (expected: the constant value)");
                continue;
            }
            Rule.Spec spec = new Rule.Spec();
            spec.kind = RuleKind.FIXED;
            spec.target = name;
            spec.detail = PercentEncoder.encodeComponent(value);
            spec.origin = new Origin(source, ProblemList.positionOf(tuple.getKeyNode()));
            into.add(new Positioned(tuple.getKeyNode().getStartMark().getIndex(), new Rule(spec)));
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

    /** {@code compose: { parts: "{transtype}:{amount}" }}: Awin parameters built from other values. */
    private void readCompose(YamlMap top, List<Positioned> into) {
        Node node = top.value("compose");
        if (node == null) {
            return;
        }
        YamlMap compose = YamlMap.of(node, source, "compose", problems);
        if (compose == null) {
            return;
        }
        for (NodeTuple tuple : compose.entries()) {
            String name = YamlMap.text(tuple.getKeyNode());
            String path = compose.child(name);
            boolean nameOk = checkTarget(name, tuple.getKeyNode(), path);
            Template template = readTemplate(tuple.getValueNode(), path);
            if (!nameOk || template == null) {
                continue;
            }
            Rule.Spec spec = new Rule.Spec();
            spec.kind = RuleKind.COMPOSE;
            spec.target = name;
            spec.template = template;
            spec.origin = new Origin(source, ProblemList.positionOf(tuple.getKeyNode()));
            into.add(new Positioned(tuple.getKeyNode().getStartMark().getIndex(), new Rule(spec)));
        }
    }

    /** {@code rows: { bd: { zip: [a, b], row: "…{a}|{b}…", unequal: shortest, max: 50 } }}. */
    private void readRows(YamlMap top, List<Positioned> into) {
        Node node = top.value("rows");
        if (node == null) {
            return;
        }
        YamlMap rows = YamlMap.of(node, source, "rows", problems);
        if (rows == null) {
            return;
        }
        for (NodeTuple tuple : rows.entries()) {
            String name = YamlMap.text(tuple.getKeyNode());
            String path = rows.child(name);
            boolean nameOk = checkTarget(name, tuple.getKeyNode(), path);
            YamlMap entry = YamlMap.ofEntry(tuple, source, path, problems);
            if (entry == null) {
                continue;
            }
            int before = problemCount();
            Rule.Spec spec = new Rule.Spec();
            spec.kind = RuleKind.ROWS;
            spec.target = name;
            spec.origin = new Origin(source, ProblemList.positionOf(tuple.getKeyNode()));
            Node zip = entry.value("zip");
            List<String> zipped = new ArrayList<>();
            if (!(zip instanceof SequenceNode sequence) || sequence.getValue().size() < 1) {
                problems.add(
                        source,
                        zip == null ? entry.line("zip") : ProblemList.positionOf(zip),
                        entry.child("zip") + ": " + (zip == null ? "missing" : YamlMap.describe(zip))
                                + " (expected: a list of the list parameters to zip, e.g. [skulist, pricelist])");
            } else {
                for (Node item : sequence.getValue()) {
                    String text = YamlMap.text(item);
                    if (text == null) {
                        problems.add(
                                source,
                                item,
                                entry.child("zip") + ": " + YamlMap.describe(item)
                                        + " (expected: a legacy parameter name)");
                    } else {
                        zipped.add(text);
                    }
                }
            }
            spec.zip = zipped;
            Node row = entry.value("row");
            if (row == null) {
                problems.add(
                        source,
                        entry.line("row"),
                        entry.child("row") + ": missing (expected: the row template, e.g. \"AW:P|{skulist}\")");
            } else {
                spec.template = readTemplate(row, entry.child("row"));
            }
            if (entry.has("unequal")) {
                String text = entry.scalar("unequal");
                Options.Unequal unequal = Options.parse(Options.Unequal.class, text);
                if (unequal == null) {
                    problems.add(
                            source,
                            entry.value("unequal"),
                            entry.child("unequal") + ": " + (text == null ? "nothing" : Quoted.of(text))
                                    + " (expected: " + Options.expected(Options.Unequal.class) + ")");
                } else {
                    spec.unequal = unequal;
                }
            }
            spec.maxRows = DEFAULT_MAX_ROWS;
            if (entry.has("max")) {
                String text = entry.scalar("max");
                int max = RuleReader.parseCap(text, MAX_ROWS);
                if (max < 0) {
                    problems.add(
                            source,
                            entry.value("max"),
                            entry.child("max") + ": " + (text == null ? "nothing" : Quoted.of(text))
                                    + " (expected: a whole number from 1 to " + MAX_ROWS + ")");
                } else {
                    spec.maxRows = max;
                }
            }
            entry.rejectUnknown(ROW_KEYS);
            if (nameOk && problemCount() == before) {
                into.add(new Positioned(tuple.getKeyNode().getStartMark().getIndex(), new Rule(spec)));
            }
        }
    }

    /**
     * {@code products: { route: /pclick.php, items: { <merchant>: { <product>: { awin: …, page: … } } } }}.
     * Answers {@code null} when the endpoint has no product lookup.
     */
    private ProductLookup readProducts(YamlMap top) {
        Node node = top.value("products");
        if (node == null) {
            return null;
        }
        YamlMap products = YamlMap.of(node, source, "products", problems);
        if (products == null) {
            return null;
        }
        String route = readPrimary(products, "route", products.value("route"), false);
        Map<String, Product> items = new HashMap<>();
        Node itemsNode = products.value("items");
        YamlMap merchants = itemsNode == null ? null : YamlMap.of(itemsNode, source, "products.items", problems);
        if (merchants != null) {
            for (NodeTuple merchantTuple : merchants.entries()) {
                String merchant = YamlMap.text(merchantTuple.getKeyNode());
                String merchantPath = merchants.child(merchant);
                String merchantId = LegacyId.normalise(merchant);
                if (merchantId == null) {
                    problems.add(
                            source,
                            merchantTuple.getKeyNode(),
                            merchantPath + ": " + Quoted.of(merchant) + " (expected: a legacy merchant id, a number)");
                    continue;
                }
                YamlMap list = YamlMap.ofEntry(merchantTuple, source, merchantPath, problems);
                if (list == null) {
                    continue;
                }
                for (NodeTuple productTuple : list.entries()) {
                    readProduct(merchantId, productTuple, list, items);
                }
            }
        }
        products.rejectUnknown("one of route, items");
        return new ProductLookup(route, items);
    }

    private void readProduct(String merchantId, NodeTuple tuple, YamlMap list, Map<String, Product> items) {
        String product = YamlMap.text(tuple.getKeyNode());
        String path = list.child(product);
        String productId = LegacyId.normalise(product);
        if (productId == null) {
            problems.add(
                    source,
                    tuple.getKeyNode(),
                    path + ": " + Quoted.of(product) + " (expected: a legacy feed product id, a number)");
            return;
        }
        YamlMap fields = YamlMap.ofEntry(tuple, source, path, problems);
        if (fields == null) {
            return;
        }
        String awin = fields.scalar("awin");
        String page = fields.scalar("page");
        if (awin != null && LegacyId.normalise(awin) == null) {
            problems.add(
                    source,
                    fields.value("awin"),
                    fields.child("awin") + ": " + Quoted.of(awin) + " (expected: the Awin product id, a number)");
        }
        if (page != null && LandingUrl.parse(page).verdict() != LandingVerdict.SAFE) {
            problems.add(
                    source,
                    fields.value("page"),
                    fields.child("page") + ": " + Quoted.of(page)
                            + " (expected: an absolute http(s) URL of the product page)");
        }
        if (awin == null && page == null) {
            problems.add(
                    source,
                    fields.line("awin"),
                    path + ": neither awin nor page (expected: the Awin product id, the product page, or both)");
        }
        fields.rejectUnknown("one of awin, page");
        Product previous = items.put(
                ProductLookup.key(merchantId, productId),
                new Product(
                        Optional.ofNullable(awin == null ? null : LegacyId.normalise(awin)),
                        Optional.ofNullable(page)));
        if (previous != null) {
            problems.add(source, tuple.getKeyNode(), path + ": product " + productId + " is listed twice");
        }
    }

    private Template readTemplate(Node node, String path) {
        String text = YamlMap.text(node);
        if (text == null || !(node instanceof ScalarNode)) {
            problems.add(
                    source,
                    node,
                    path + ": " + YamlMap.describe(node) + " (expected: a template such as \"{transtype}:{amount}\")");
            return null;
        }
        Template template = Template.parse(text);
        if (template == null) {
            problems.add(
                    source,
                    node,
                    path + ": " + Quoted.of(text)
                            + " (expected: text with {name} references to legacy parameters, braces balanced)");
        } else if (template.size() == 0) {
            problems.add(
                    source,
                    node,
                    path + ": " + Quoted.of(text) + " names no parameter (expected: at least one {name}; "
                            + "constants belong in fixed:)");
            return null;
        }
        return template;
    }

    private boolean checkTarget(String name, Node keyNode, String path) {
        if (name == null || !RuleReader.isTargetName(name)) {
            problems.add(
                    source,
                    keyNode,
                    path + ": " + Quoted.of(String.valueOf(name))
                            + " is not a lower-case Awin parameter name (expected: a-z, 0-9, _ - . [ ])");
            return false;
        }
        return true;
    }

    /**
     * Endpoint-wide checks: the identity lookups, one landing, distinct names, aliases and targets,
     * every reference resolvable, every rule reachable.
     */
    private void checkRules(LinkKind kind, List<Rule> compiled, YamlMap top, ProductLookup products) {
        Map<String, Rule> byKey = new HashMap<>();
        Map<String, Rule> byTarget = new HashMap<>();
        Map<String, Rule> byProductTarget = new HashMap<>();
        List<Rule> prefixes = new ArrayList<>();
        Rule merchant = null;
        Rule affiliate = null;
        Rule landing = null;
        Rule product = null;
        for (Rule rule : compiled) {
            String path = path(rule);
            if (rule.kind() == RuleKind.PREFIX) {
                for (Rule earlier : prefixes) {
                    if (rule.detail().startsWith(earlier.detail())) {
                        problem(
                                rule,
                                path + ": unreachable: every parameter it matches is taken by " + path(earlier)
                                        + " (at " + earlier.origin().position() + ")");
                    }
                }
                prefixes.add(rule);
            } else if (rule.kind().readsParameter()) {
                for (int i = 0; i < rule.keyCount(); i++) {
                    Rule same = byKey.putIfAbsent(rule.key(i), rule);
                    if (same != null && same != rule) {
                        String what = i == 0
                                ? "same parameter as "
                                : "duplicate alias " + rule.aliases().get(i - 1) + ": already a name of ";
                        problem(
                                rule,
                                path + ": " + what + path(same) + " (at "
                                        + same.origin().position() + "); legacy names are case-insensitive");
                    } else if (same == rule) {
                        problem(
                                rule,
                                path + ": duplicate alias " + rule.aliases().get(i - 1)
                                        + " (legacy names are case-insensitive)");
                    }
                }
            }
            if (rule.target() != null) {
                Rule same = byTarget.putIfAbsent(rule.target(), rule);
                if (same != null) {
                    problem(
                            rule,
                            path + ": " + rule.target() + " is already emitted by the rule at "
                                    + same.origin().position() + " (expected: each Awin parameter once)");
                }
            }
            if (rule.productTarget() != null) {
                Rule same = byProductTarget.putIfAbsent(rule.productTarget(), rule);
                if (same != null) {
                    problem(
                            rule,
                            path + ".pclick: " + rule.productTarget() + " is already emitted on the product route by "
                                    + "the rule at " + same.origin().position()
                                    + " (expected: each Awin parameter once)");
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
                            path + ".as: a second landing rule (expected: at most one; the first is at "
                                    + landing.origin().position() + ")");
                } else {
                    landing = rule;
                }
            } else if (rule.kind() == RuleKind.PRODUCT) {
                if (product != null) {
                    problem(rule, path + ".as: a second product rule (expected: at most one)");
                } else {
                    product = rule;
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
            checkConsent(byKey, top, products != null && products.route().isPresent());
        }
        checkProducts(product, products, top, byProductTarget);
        checkReferences(compiled, byKey);
    }

    private void checkProducts(Rule product, ProductLookup products, YamlMap top, Map<String, Rule> byProductTarget) {
        if (product != null && products == null) {
            problem(
                    product,
                    path(product) + ": as: product needs a products: section (expected: products: { items: … })");
        }
        if (products != null && product == null) {
            problems.add(
                    source,
                    top.line("products"),
                    "products: no rule with as: product (expected: one parameter that names the product)");
        }
        if (products != null && products.route().isPresent() && product != null && product.productTarget() == null) {
            problem(
                    product,
                    path(product) + ": no pclick: name (expected: the product ID's name on "
                            + products.route().get() + ", e.g. pclick: p)");
        }
        if (!byProductTarget.isEmpty() && (products == null || products.route().isEmpty())) {
            Rule first = byProductTarget.values().iterator().next();
            problem(
                    first,
                    path(first) + ".pclick: unreachable: the endpoint has no products.route (expected: a route, or "
                            + "no pclick: names)");
        }
    }

    /** Conditions, templates and zips name rules that exist; rules that emit nothing are used. */
    private void checkReferences(List<Rule> compiled, Map<String, Rule> byKey) {
        Set<Rule> used = new HashSet<>();
        for (Rule rule : compiled) {
            String path = path(rule);
            Condition when = rule.when();
            if (when != null) {
                Rule decides = byKey.get(when.key());
                if (decides == null || decides.kind() == RuleKind.PREFIX) {
                    problem(
                            rule,
                            path + ".when: " + when.name() + " is not a parameter of this endpoint (expected: one of "
                                    + "the params: names)");
                } else {
                    used.add(decides);
                    if (decides.kind() == RuleKind.ENUM) {
                        for (String value : when.values()) {
                            if (!decides.values().containsKey(value)) {
                                problem(
                                        rule,
                                        path + ".when: unreachable: " + when.name() + " is never " + Quoted.of(value)
                                                + " (expected: one of its values "
                                                + String.join(
                                                        ", ",
                                                        new java.util.TreeSet<>(
                                                                decides.values().keySet())) + ")");
                            }
                        }
                    }
                }
            }
            Template template = rule.template();
            if (template != null) {
                for (String name : template.names()) {
                    Rule named = byKey.get(io.cutover.mapping.query.Ascii.lower(name));
                    if (named == null || named.kind() == RuleKind.DROP || named.kind() == RuleKind.PREFIX) {
                        problem(
                                rule,
                                path + ": {" + name + "} is not a parameter this endpoint reads (expected: one of the "
                                        + "params: names that is not dropped)");
                    } else {
                        used.add(named);
                    }
                }
            }
            for (String name : rule.zip()) {
                Rule named = byKey.get(io.cutover.mapping.query.Ascii.lower(name));
                if (named == null || named.kind() != RuleKind.LIST) {
                    problem(
                            rule,
                            path + ".zip: " + name
                                    + " is not a list parameter (expected: a params: entry with as: list)");
                } else {
                    used.add(named);
                    if (template != null && !template.names().contains(name)) {
                        problem(
                                rule,
                                path + ".row: never uses {" + name + "} (expected: every zipped list in the row)");
                    }
                }
            }
        }
        for (Rule rule : compiled) {
            boolean emits = rule.target() != null || rule.productTarget() != null;
            boolean silent = rule.kind() == RuleKind.DROP
                    || rule.kind() == RuleKind.PREFIX
                    || rule.kind() == RuleKind.PRODUCT
                    || !rule.kind().readsParameter();
            if (!emits && !silent && !used.contains(rule)) {
                problem(
                        rule,
                        path(rule) + ": unreachable: no to: and no compose:, rows: or when: uses it (expected: a to:, "
                                + "or drop: with a reason)");
            }
        }
    }

    private void checkConsent(Map<String, Rule> byKey, YamlMap top, boolean productRoute) {
        for (String name : CONSENT) {
            Rule rule = byKey.get(name);
            if (rule == null) {
                problems.add(
                        source,
                        top.line("params"),
                        "params: no rule for " + name + " (expected: " + name + ": { to: " + name
                                + " }; consent must reach Awin untouched, platforms.md §6.11)");
            } else if (rule.kind() != RuleKind.COPY || !name.equals(rule.target()) || rule.when() != null) {
                problem(
                        rule,
                        path(rule) + ": " + rule.description() + " (expected: { to: " + name
                                + " }; consent must reach Awin untouched, platforms.md §6.11)");
            } else if (productRoute && !name.equals(rule.productTarget())) {
                problem(
                        rule,
                        path(rule) + ": not forwarded on the product route (expected: { to: " + name + ", pclick: "
                                + name + " }; consent must reach Awin untouched, platforms.md §6.11)");
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
                        + first.legacyName() + " at " + first.origin().position() + ")");
        return first;
    }

    private static String path(Rule rule) {
        switch (rule.kind()) {
            case FIXED:
                return "fixed." + rule.target();
            case COMPOSE:
                return "compose." + rule.target();
            case ROWS:
                return "rows." + rule.target();
            case PREFIX:
                return "params." + rule.legacyName() + "*";
            default:
                return "params." + rule.legacyName();
        }
    }

    private void problem(Rule rule, String message) {
        problems.add(source, rule.origin().position(), message);
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
