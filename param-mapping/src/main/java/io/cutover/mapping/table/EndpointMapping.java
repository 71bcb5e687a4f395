package io.cutover.mapping.table;

import io.cutover.mapping.LinkKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled mapping of one legacy endpoint ({@code /r.cfm}) to one primary path
 * ({@code /cread.php}): its rules in file order, which is also the order in which the Awin
 * parameters are emitted. Immutable.
 */
public final class EndpointMapping {

    private final LinkKind kind;
    private final String primaryPath;
    private final List<Rule> rules;
    private final Origin origin;
    private final Map<String, Rule> byKey = new HashMap<>();
    private final Rule merchantRule;
    private final Optional<Rule> affiliateRule;
    private final Optional<Rule> landingRule;

    EndpointMapping(LinkKind kind, String primaryPath, List<Rule> rules, Origin origin) {
        this.kind = kind;
        this.primaryPath = primaryPath;
        this.rules = List.copyOf(rules);
        this.origin = origin;
        Rule merchant = null;
        Rule affiliate = null;
        Rule landing = null;
        for (Rule rule : this.rules) {
            if (rule.kind() != RuleKind.FIXED) {
                byKey.putIfAbsent(rule.key(), rule);
            }
            if (rule.kind() == RuleKind.LOOKUP_MERCHANT && merchant == null) {
                merchant = rule;
            } else if (rule.kind() == RuleKind.LOOKUP_AFFILIATE && affiliate == null) {
                affiliate = rule;
            } else if (rule.kind() == RuleKind.LANDING && landing == null) {
                landing = rule;
            }
        }
        this.merchantRule = merchant;
        this.affiliateRule = Optional.ofNullable(affiliate);
        this.landingRule = Optional.ofNullable(landing);
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

    /** All rules in file order, fixed parameters included. */
    public List<Rule> rules() {
        return rules;
    }

    /** Where the endpoint's document starts. */
    public Origin origin() {
        return origin;
    }

    /** The rule for a legacy parameter, by lower-case name. */
    public Optional<Rule> rule(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Whether a legacy parameter (lower-case name) is one of this endpoint's parameters. */
    public boolean hasParam(String key) {
        return byKey.containsKey(key);
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

    @Override
    public String toString() {
        return kind.legacyPath() + " → " + primaryPath + " (" + rules.size() + " rules, " + origin + ')';
    }
}
