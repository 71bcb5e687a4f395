package io.cutover.mapping.table;

import io.cutover.mapping.LinkKind;
import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.LegacyParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled mapping of one legacy endpoint ({@code /r.cfm}) to one primary path
 * ({@code /cread.php}): its rules in file order, which is also the order in which the Awin
 * parameters are emitted, its policy for parameters it does not name, and (m-pr.cfm) its product
 * lookup. Immutable.
 */
public final class EndpointMapping {

    private final LinkKind kind;
    private final String primaryPath;
    private final List<Rule> rules;
    private final Origin origin;
    private final Options.Unknown unknown;
    private final ProductLookup products;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Rule[] prefixes;
    /** Open addressing over the lower-case names: probed with a pair's key hash, no string made. */
    private final String[] slotKeys;

    private final int[] slotPositions;
    private final Rule merchantRule;
    private final Optional<Rule> affiliateRule;
    private final Optional<Rule> landingRule;
    private final Optional<Rule> productRule;

    EndpointMapping(
            LinkKind kind,
            String primaryPath,
            List<Rule> rules,
            Origin origin,
            Options.Unknown unknown,
            ProductLookup products) {
        this.kind = kind;
        this.primaryPath = primaryPath;
        this.rules = List.copyOf(rules);
        this.origin = origin;
        this.unknown = unknown;
        this.products = products;
        Rule merchant = null;
        Rule affiliate = null;
        Rule landing = null;
        Rule product = null;
        List<Rule> prefixRules = new ArrayList<>();
        for (int position = 0; position < this.rules.size(); position++) {
            Rule rule = this.rules.get(position);
            if (rule.kind() == RuleKind.PREFIX) {
                prefixRules.add(rule);
            } else if (rule.kind().readsParameter()) {
                for (int i = 0; i < rule.keyCount(); i++) {
                    byKey.putIfAbsent(rule.key(i), position);
                }
            }
            if (rule.kind() == RuleKind.LOOKUP_MERCHANT && merchant == null) {
                merchant = rule;
            } else if (rule.kind() == RuleKind.LOOKUP_AFFILIATE && affiliate == null) {
                affiliate = rule;
            } else if (rule.kind() == RuleKind.LANDING && landing == null) {
                landing = rule;
            } else if (rule.kind() == RuleKind.PRODUCT && product == null) {
                product = rule;
            }
        }
        for (Rule rule : this.rules) {
            Template template = rule.template();
            if (template != null) {
                int[] positions = new int[template.size()];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] =
                            byKey.getOrDefault(Ascii.lower(template.names().get(i)), -1);
                }
                template.resolve(positions);
            }
        }
        this.prefixes = prefixRules.toArray(new Rule[0]);
        int slots = Integer.highestOneBit(Math.max(4, byKey.size() * 4) - 1) << 1;
        this.slotKeys = new String[slots];
        this.slotPositions = new int[slots];
        for (Map.Entry<String, Integer> entry : byKey.entrySet()) {
            int slot = entry.getKey().hashCode() & (slots - 1);
            while (slotKeys[slot] != null) {
                slot = (slot + 1) & (slots - 1);
            }
            slotKeys[slot] = entry.getKey();
            slotPositions[slot] = entry.getValue();
        }
        this.merchantRule = merchant;
        this.affiliateRule = Optional.ofNullable(affiliate);
        this.landingRule = Optional.ofNullable(landing);
        this.productRule = Optional.ofNullable(product);
    }

    public LinkKind kind() {
        return kind;
    }

    /** The endpoint as users name it, e.g. {@code r.cfm}. */
    public String name() {
        return kind.legacyPath().substring(1);
    }

    /** The path on the primary, e.g. {@code /cread.php}. */
    public String primaryPath() {
        return primaryPath;
    }

    /** All rules in file order, fixed, compose and rows rules included. */
    public List<Rule> rules() {
        return rules;
    }

    /** Where the endpoint's document starts. */
    public Origin origin() {
        return origin;
    }

    /** What happens to parameters the table does not name. */
    public Options.Unknown unknown() {
        return unknown;
    }

    /** The product lookup; empty for endpoints without one. */
    public ProductLookup products() {
        return products;
    }

    /** The rule for a legacy parameter, by lower-case name or alias. */
    public Optional<Rule> rule(String key) {
        Integer position = byKey.get(key);
        return position == null ? Optional.empty() : Optional.of(rules.get(position));
    }

    /** The position in {@link #rules()} of the rule named (or aliased) {@code key}, or -1. */
    public int position(String key) {
        Integer position = byKey.get(key);
        return position == null ? -1 : position;
    }

    /** The position in {@link #rules()} of the rule a request's pair belongs to, or -1; allocation-free. */
    public int position(LegacyParams params, int index) {
        int mask = slotKeys.length - 1;
        int slot = params.keyHash(index) & mask;
        String key;
        while ((key = slotKeys[slot]) != null) {
            if (params.keyIs(index, key)) {
                return slotPositions[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The prefix rule a request's pair falls under, or {@code null}; allocation-free. */
    public Rule prefixRule(LegacyParams params, int index) {
        for (Rule rule : prefixes) {
            if (params.keyStartsWith(index, rule.detail())) {
                return rule;
            }
        }
        return null;
    }

    /** Whether a request's pair is one of this endpoint's parameters; allocation-free. */
    public boolean hasParam(LegacyParams params, int index) {
        return position(params, index) >= 0 || prefixRule(params, index) != null;
    }

    /** The prefix rule a lower-case name falls under, or {@code null}. */
    public Rule prefixRule(String key) {
        for (Rule rule : prefixes) {
            if (key.startsWith(rule.detail())) {
                return rule;
            }
        }
        return null;
    }

    /** Whether a legacy parameter (lower-case name) is one of this endpoint's parameters. */
    public boolean hasParam(String key) {
        return byKey.containsKey(key) || prefixRule(key) != null;
    }

    /** The rule carrying the merchant ID; every validated endpoint has exactly one. */
    public Rule merchantRule() {
        return merchantRule;
    }

    /** The rule carrying the affiliate ID; click endpoints have exactly one, conversions at most one. */
    public Optional<Rule> affiliateRule() {
        return affiliateRule;
    }

    /** The deep-link rule, if the endpoint has one. */
    public Optional<Rule> landingRule() {
        return landingRule;
    }

    /** The product rule (m-pr.cfm), if the endpoint has one. */
    public Optional<Rule> productRule() {
        return productRule;
    }

    /** How many legacy names (aliases counted) the endpoint's rules answer to. */
    public int parameterEntries() {
        int entries = prefixes.length;
        for (Rule rule : rules) {
            if (rule.kind().readsParameter() && rule.kind() != RuleKind.PREFIX) {
                entries += rule.keyCount();
            }
        }
        return entries;
    }

    @Override
    public String toString() {
        return kind.legacyPath() + " → " + primaryPath + " (" + rules.size() + " rules, " + parameterEntries()
                + " parameter names, unknown: " + unknown.spelling() + ", " + origin + ')';
    }
}
