package io.cutover.mapping;

import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.landing.LandingCheck;
import io.cutover.mapping.landing.LandingDecision;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.LegacyId;
import io.cutover.mapping.query.LegacyParams;
import io.cutover.mapping.query.Param;
import io.cutover.mapping.query.PercentEncoder;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.table.EndpointMapping;
import io.cutover.mapping.table.MappingTable;
import io.cutover.mapping.table.Rule;
import io.cutover.mapping.table.WhenEmpty;
import java.util.Optional;

/**
 * One translation, the single logic behind both {@link Translator#translate} and
 * {@link Translator#explain}: parse → identities → directory → landing → emit the rules in file
 * order. Rejections come first (a malformed link is malformed whatever the directory says), then
 * the directory decides between mapped and unmapped.
 */
final class Translation {

    private Translation() {}

    static MappingResult run(MappingTable table, Directory directory, LinkKind kind, String rawQuery, Trace trace) {
        Optional<EndpointMapping> found = table.endpoint(kind);
        if (found.isEmpty()) {
            String reason = kind.isTracked()
                    ? "no mapping for " + kind.legacyPath()
                    : "pass-through requests are not translated";
            return new Unmapped(kind, reason, Optional.empty(), Optional.empty());
        }
        EndpointMapping endpoint = found.orElseThrow();
        LegacyParams params = LegacyParams.parse(rawQuery);
        trace.parsed(endpoint, params);
        if (params.truncated()) {
            return new Rejected(endpoint.name() + ": too many parameters (more than " + LegacyParams.MAX_PAIRS + ")");
        }

        Rule merchantRule = endpoint.merchantRule();
        int merchantIndex = params.indexOf(merchantRule.key());
        String merchantId = readId(params, merchantIndex);
        trace.identity(merchantRule, merchantIndex, merchantId);
        if (merchantId == null) {
            return rejectId(endpoint, merchantRule, params, merchantIndex, "merchant id");
        }
        Rule affiliateRule = endpoint.affiliateRule().orElse(null);
        int affiliateIndex = affiliateRule == null ? -1 : params.indexOf(affiliateRule.key());
        String affiliateId = "";
        if (affiliateRule != null) {
            affiliateId = readId(params, affiliateIndex);
            trace.identity(affiliateRule, affiliateIndex, affiliateId);
            if (affiliateId == null) {
                return rejectId(endpoint, affiliateRule, params, affiliateIndex, "affiliate id");
            }
        }
        LegacyClick click = new LegacyClick(kind, merchantId, affiliateId, params);

        Optional<Merchant> foundMerchant = directory.merchant(click.merchantId());
        trace.merchant(merchantRule, foundMerchant.orElse(null));
        if (foundMerchant.isEmpty()) {
            return new Unmapped(
                    kind,
                    "merchant " + click.merchantId() + " is not in the directory",
                    Optional.of(click.merchantId()),
                    Optional.empty());
        }
        Merchant merchant = foundMerchant.orElseThrow();
        LandingDecision landing = decideLanding(endpoint, click, merchant, trace);
        String safeLanding = landing == null ? merchant.defaultLanding() : landing.landing();

        String publisher = null;
        if (affiliateRule != null) {
            publisher = directory.publisher(click.affiliateId()).orElse(null);
            trace.publisher(affiliateRule, publisher);
            if (publisher == null) {
                return new Unmapped(
                        kind,
                        "affiliate " + click.affiliateId() + " is not in the directory",
                        Optional.of(click.merchantId()),
                        Optional.of(safeLanding));
            }
        }

        StringBuilder query = new StringBuilder(160);
        for (Rule rule : endpoint.rules()) {
            int index;
            String value;
            switch (rule.kind()) {
                case LOOKUP_MERCHANT:
                    index = merchantIndex;
                    value = PercentEncoder.encodeComponent(merchant.advertiserId());
                    break;
                case LOOKUP_AFFILIATE:
                    index = affiliateIndex;
                    value = PercentEncoder.encodeComponent(publisher);
                    break;
                case LANDING:
                    index = -1;
                    value = landingValue(rule, landing, merchant);
                    break;
                case FIXED:
                    index = -1;
                    value = rule.detail();
                    break;
                case DROP:
                    index = params.indexOf(rule.key());
                    value = null;
                    break;
                default:
                    index = params.indexOf(rule.key());
                    value = paramValue(rule, index < 0 ? "" : params.get(index).rawValue());
                    break;
            }
            if (value != null) {
                if (query.length() > 0) {
                    query.append('&');
                }
                query.append(rule.prefix()).append(value);
            }
            trace.emitted(rule, index, value);
        }
        PrimaryRequest primary = new PrimaryRequest(endpoint.primaryPath(), query.toString());
        return new Mapped(kind, click.merchantId(), click.affiliateId(), primary, safeLanding);
    }

    /** The normalised ID at a position, or {@code null} when absent, blank or malformed. */
    private static String readId(LegacyParams params, int index) {
        return index < 0 ? null : LegacyId.normalise(params.get(index).rawValue());
    }

    private static Rejected rejectId(EndpointMapping endpoint, Rule rule, LegacyParams params, int index, String what) {
        String raw = index < 0 ? "" : params.get(index).rawValue();
        if (index < 0 || LegacyId.isBlank(raw)) {
            return new Rejected(endpoint.name() + ": parameter " + rule.legacyName() + " (" + what + ") is missing");
        }
        return new Rejected(endpoint.name() + ": parameter " + rule.legacyName() + ": " + Quoted.of(raw)
                + " (expected: " + LegacyId.expectation(raw) + ")");
    }

    /**
     * The landing decision, or {@code null} when the endpoint has no landing rule. A raw value that
     * carries its own {@code ?} was pasted unencoded: the pairs after it that are not parameters of
     * this endpoint are the URL's own query, split off by the {@code &}s, and are put back.
     */
    private static LandingDecision decideLanding(
            EndpointMapping endpoint, LegacyClick click, Merchant merchant, Trace trace) {
        Rule rule = endpoint.landingRule().orElse(null);
        if (rule == null) {
            return null;
        }
        LegacyParams params = click.params();
        int index = params.indexOf(rule.key());
        String raw = index < 0 ? "" : params.get(index).rawValue();
        if (raw.indexOf('?') >= 0) {
            StringBuilder url = null;
            for (int i = index + 1; i < params.size(); i++) {
                Param param = params.get(i);
                if (!endpoint.hasParam(param.key())) {
                    if (url == null) {
                        url = new StringBuilder(raw.length() + 64).append(raw);
                    }
                    url.append('&').append(param.pairText());
                    trace.reattached(i);
                }
            }
            if (url != null) {
                raw = url.toString();
            }
        }
        LandingDecision decision = LandingCheck.decide(raw, merchant);
        trace.landing(rule, index, raw, decision);
        return decision;
    }

    /**
     * An empty deep link leaves {@code ued} out unless the rule asks otherwise; Awin then uses the
     * advertiser's default.
     */
    private static String landingValue(Rule rule, LandingDecision landing, Merchant merchant) {
        if (landing.verdict() != LandingVerdict.EMPTY) {
            return PercentEncoder.encodeComponent(landing.landing());
        }
        return emptyValue(rule.whenEmpty(), merchant);
    }

    private static String paramValue(Rule rule, String raw) {
        String value;
        switch (rule.kind()) {
            case SUBID:
                value = Values.subid(raw, rule.max());
                break;
            case TEXT:
                value = Values.text(raw, rule.max());
                break;
            default:
                // copy: untouched, consent strings included (platforms.md §3.2, §6.11)
                return raw.isEmpty() ? emptyValue(rule.whenEmpty(), null) : PercentEncoder.escapeIllegal(raw);
        }
        return value.isEmpty() ? emptyValue(rule.whenEmpty(), null) : PercentEncoder.encodeComponent(value);
    }

    private static String emptyValue(WhenEmpty whenEmpty, Merchant merchant) {
        switch (whenEmpty) {
            case KEEP:
                return "";
            case DEFAULT_LANDING:
                return merchant == null ? null : PercentEncoder.encodeComponent(merchant.defaultLanding());
            default:
                return null;
        }
    }
}
