package io.cutover.mapping;

import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.landing.LandingCheck;
import io.cutover.mapping.landing.LandingDecision;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.LegacyId;
import io.cutover.mapping.query.LegacyParams;
import io.cutover.mapping.query.PercentEncoder;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.table.EndpointMapping;
import io.cutover.mapping.table.MappingTable;
import io.cutover.mapping.table.Options;
import io.cutover.mapping.table.Product;
import io.cutover.mapping.table.Rule;
import io.cutover.mapping.table.RuleKind;
import io.cutover.mapping.table.Template;
import io.cutover.mapping.table.WhenEmpty;
import java.util.Optional;

/**
 * One translation, the single logic behind both {@link Translator#translate} and
 * {@link Translator#explain}: parse → identities → directory → landing → values → emit the rules
 * in file order. Rejections come first (a malformed link is malformed whatever the directory
 * says), then the directory decides between mapped and unmapped.
 *
 * <p>Two passes over the rules: the first computes every rule's value (decoded, typed, with its
 * condition and default applied) into one array, so that {@code compose:} and {@code rows:}
 * templates can use values of rules written after them; the second emits in file order.
 */
final class Translation {

    /** Why a value is what it is: constants, so the hot path reports without building text. */
    static final String FROM_REQUEST = "from the request";

    static final String FROM_DEFAULT = "default (absent or empty)";
    static final String FROM_DEFAULT_INVALID = "invalid: default used";
    static final String INVALID_OMITTED = "invalid: omitted";
    static final String CONDITION_FAILED = "condition does not hold";
    static final String FROM_COOKIE = "from the bridged cookie";
    static final String NOT_AWC = "not an Awin click reference";

    /** The longest query builder kept for reuse; a larger one is dropped after its request. */
    private static final int KEPT_BUILDER = 4096;

    /**
     * One query builder per thread, reused request after request: the event loops translate one
     * request at a time each, and the builder never escapes a translation (the result is copied
     * out with {@code toString}).
     */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * What one translation needs besides its result, kept per thread and reused: the query builder
     * and the per-rule and per-pair scratch arrays. Nothing in it escapes a translation.
     */
    private static final class Workspace {
        StringBuilder query = new StringBuilder(512);
        int[] paramOf = new int[32];
        String[] values = new String[32];
        boolean[] reattached = new boolean[32];
        final Columns columns = new Columns();

        void prepare(int rules, int pairs) {
            if (paramOf.length < rules) {
                paramOf = new int[rules];
                values = new String[rules];
            }
            if (reattached.length < pairs) {
                reattached = new boolean[pairs];
            }
            java.util.Arrays.fill(paramOf, 0, rules, -1);
            java.util.Arrays.fill(values, 0, rules, null);
            java.util.Arrays.fill(reattached, 0, pairs, false);
        }
    }

    private final MappingTable table;
    private final Directory directory;
    private final String unknownAffiliatePublisher;
    private final LinkKind kind;
    private final String rawQuery;
    private final RequestContext context;
    private final Trace trace;
    private int[] paramOf;
    private EndpointMapping endpoint;

    private Translation(
            MappingTable table,
            Directory directory,
            String unknownAffiliatePublisher,
            LinkKind kind,
            String rawQuery,
            RequestContext context,
            Trace trace) {
        this.table = table;
        this.directory = directory;
        this.unknownAffiliatePublisher = unknownAffiliatePublisher;
        this.kind = kind;
        this.rawQuery = rawQuery;
        this.context = context;
        this.trace = trace;
    }

    static MappingResult run(
            MappingTable table,
            Directory directory,
            String unknownAffiliatePublisher,
            LinkKind kind,
            String rawQuery,
            RequestContext context,
            Trace trace) {
        return new Translation(table, directory, unknownAffiliatePublisher, kind, rawQuery, context, trace).run();
    }

    private MappingResult run() {
        Optional<EndpointMapping> found = table.endpoint(kind);
        if (found.isEmpty()) {
            String reason = kind.isTracked()
                    ? "no mapping for " + kind.legacyPath()
                    : "pass-through requests are not translated";
            return new Unmapped(kind, reason, Optional.empty(), Optional.empty());
        }
        EndpointMapping endpoint = found.orElseThrow();
        this.endpoint = endpoint;
        LegacyParams params = LegacyParams.parse(rawQuery);
        trace.parsed(endpoint, params);
        if (params.truncated()) {
            return new Rejected(endpoint.name() + ": too many parameters (more than " + LegacyParams.MAX_PAIRS + ")");
        }

        Workspace workspace = WORKSPACE.get();
        workspace.prepare(endpoint.rules().size(), params.size());
        int[] paramOf = workspace.paramOf;
        positions(endpoint, params, paramOf);
        this.paramOf = paramOf;
        Rule merchantRule = endpoint.merchantRule();
        int merchantIndex = indexOf(params, merchantRule);
        String merchantId = readId(params, merchantIndex);
        trace.identity(merchantRule, merchantIndex, merchantId);
        if (merchantId == null) {
            return rejectId(endpoint, merchantRule, params, merchantIndex, "merchant id");
        }
        Rule affiliateRule = endpoint.affiliateRule().orElse(null);
        int affiliateIndex = affiliateRule == null ? -1 : indexOf(params, affiliateRule);
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

        Rule productRule = endpoint.productRule().orElse(null);
        Product product = null;
        String productId = null;
        if (productRule != null) {
            int productIndex = indexOf(params, productRule);
            productId = productIndex < 0 ? null : LegacyId.normalise(params.value(productIndex));
            product = productId == null ? null : endpoint.products().find(merchantId, productId);
            trace.product(productRule, productIndex, productId, product);
        }
        boolean productRoute = product != null
                && product.awinProductId().isPresent()
                && endpoint.products().route().isPresent();

        boolean[] reattached = workspace.reattached;
        LandingDecision landing = decideLanding(endpoint, params, merchant, product, reattached);
        String safeLanding = landing == null ? merchant.defaultLanding() : landing.landing();

        if (endpoint.unknown() == Options.Unknown.REJECT) {
            for (int i = 0; i < params.size(); i++) {
                if (!reattached[i] && !endpoint.hasParam(params, i)) {
                    return new Rejected(endpoint.name() + ": unknown parameter " + Quoted.of(params.name(i))
                            + " (expected: one of the parameters of " + endpoint.name() + "'s mapping table)");
                }
            }
        }

        if (!merchant.onPrimary()) {
            return new Unmapped(
                    kind,
                    "merchant " + click.merchantId() + " has no Awin advertiser id yet",
                    Optional.of(click.merchantId()),
                    Optional.of(safeLanding));
        }

        String publisher = null;
        if (affiliateRule != null) {
            publisher = directory.publisher(click.affiliateId()).orElse(null);
            boolean fallback = publisher == null && unknownAffiliatePublisher != null;
            if (fallback) {
                publisher = unknownAffiliatePublisher;
            }
            trace.publisher(affiliateRule, publisher, fallback);
            if (publisher == null) {
                return new Unmapped(
                        kind,
                        "affiliate " + click.affiliateId() + " is not in the directory",
                        Optional.of(click.merchantId()),
                        Optional.of(safeLanding));
            }
        }

        // First pass: every rule's value, decoded and typed.
        int size = endpoint.rules().size();
        String[] values = workspace.values;
        for (int r = 0; r < size; r++) {
            Rule rule = endpoint.rules().get(r);
            switch (rule.kind()) {
                case LOOKUP_MERCHANT:
                    values[r] = merchant.advertiserId();
                    break;
                case LOOKUP_AFFILIATE:
                    values[r] = publisher;
                    break;
                case PRODUCT:
                    values[r] = product == null ? null : product.awinProductId().orElse(null);
                    break;
                case LANDING:
                case DROP:
                case FIXED:
                case COMPOSE:
                case ROWS:
                case PREFIX:
                    break;
                default:
                    int index = indexOf(params, rule);
                    String raw = index < 0 ? null : params.value(index);
                    Rejected rejected = value(endpoint, rule, raw, params, merchant, values, r, index);
                    if (rejected != null) {
                        return rejected;
                    }
                    break;
            }
        }

        // Second pass: emit in file order.
        StringBuilder query = workspace.query;
        query.setLength(0);
        for (int r = 0; r < size; r++) {
            Rule rule = endpoint.rules().get(r);
            String prefix = productRoute ? rule.productPrefix() : rule.prefix();
            int index = -1;
            String value = null;
            switch (rule.kind()) {
                case LOOKUP_MERCHANT:
                    index = merchantIndex;
                    value = PercentEncoder.encodeComponent(values[r]);
                    break;
                case LOOKUP_AFFILIATE:
                    index = affiliateIndex;
                    value = PercentEncoder.encodeComponent(values[r]);
                    break;
                case LANDING:
                    value = landingValue(rule, landing, merchant);
                    break;
                case FIXED:
                    value = rule.detail();
                    break;
                case DROP:
                    index = indexOf(params, rule);
                    break;
                case COMPOSE:
                    if (prefix != null && composable(rule.template(), values, -1, null)) {
                        separate(query).append(prefix);
                        int start = query.length();
                        compose(query, rule.template(), values, -1, null);
                        value = trace == Trace.OFF ? "" : query.substring(start);
                        trace.emitted(rule, -1, value);
                        continue;
                    }
                    break;
                case ROWS:
                    if (!productRoute) {
                        rows(endpoint, rule, params, values, query);
                    }
                    break;
                case PREFIX:
                    if (!productRoute) {
                        prefixed(endpoint, rule, params, reattached, query);
                    }
                    break;
                case COPY:
                    index = indexOf(params, rule);
                    value = copyValue(rule, index < 0 ? null : params.value(index), values[r]);
                    break;
                default:
                    index = indexOf(params, rule);
                    if (values[r] != null && prefix != null) {
                        separate(query).append(prefix);
                        int start = query.length();
                        PercentEncoder.appendComponent(query, values[r]);
                        trace.emitted(rule, index, trace == Trace.OFF ? "" : query.substring(start));
                        continue;
                    }
                    break;
            }
            if (value != null && prefix != null) {
                if (query.length() > 0) {
                    query.append('&');
                }
                query.append(prefix).append(value);
            } else if (prefix == null) {
                value = null;
            }
            trace.emitted(rule, index, value);
        }
        if (endpoint.unknown() == Options.Unknown.PASS_THROUGH && !productRoute) {
            for (int i = 0; i < params.size(); i++) {
                if (!reattached[i] && !endpoint.hasParam(params, i)) {
                    appendPair(query, params, i);
                    trace.passedThrough(i);
                }
            }
        }
        String path = productRoute ? endpoint.products().route().get() : endpoint.primaryPath();
        PrimaryRequest primary = new PrimaryRequest(path, query.toString());
        if (query.capacity() > KEPT_BUILDER) {
            workspace.query = new StringBuilder(512);
        }
        java.util.Arrays.fill(values, 0, size, null);
        return new Mapped(kind, click.merchantId(), click.affiliateId(), primary, safeLanding);
    }

    /**
     * A rule's value into {@code values[r]}: its condition, the parameter decoded and typed, then
     * the default. Answers the rejection when the rule says an invalid value refuses the request.
     */
    private Rejected value(
            EndpointMapping endpoint,
            Rule rule,
            String raw,
            LegacyParams params,
            Merchant merchant,
            String[] values,
            int r,
            int index) {
        if (rule.when() != null) {
            int decider = params.indexOf(rule.when().key());
            String decided = decider < 0 ? "" : Ascii.lower(TypedValues.decoded(params.value(decider)));
            if (!rule.when().holds(decided)) {
                values[r] = rule.otherwise();
                trace.valued(rule, index, values[r], CONDITION_FAILED);
                return null;
            }
        }
        if (rule.kind() == RuleKind.CLICK_REF) {
            clickRef(rule, raw, merchant, values, r, index);
            return null;
        }
        if (raw == null || raw.isEmpty()) {
            values[r] = rule.whenEmpty() == WhenEmpty.KEEP ? "" : rule.defaultValue();
            trace.valued(rule, index, values[r], FROM_DEFAULT);
            return null;
        }
        String value;
        switch (rule.kind()) {
            case SUBID:
                value = Values.subid(raw, rule.max());
                break;
            case TEXT:
                value = Values.text(raw, rule.max());
                break;
            case COPY:
                values[r] = raw;
                return null;
            case ENUM:
                value = rule.values().get(Ascii.lower(TypedValues.decoded(raw)));
                break;
            case LIST:
                value = firstItem(rule, raw);
                break;
            default:
                value = TypedValues.of(rule.kind(), TypedValues.decoded(raw));
                break;
        }
        if (value == null) {
            if (rule.invalid() == Options.Invalid.REJECT) {
                return new Rejected(endpoint.name() + ": parameter " + params.name(index) + ": " + Quoted.of(raw)
                        + " (expected: " + TypedValues.expectation(rule.kind()) + ")");
            }
            values[r] = rule.defaultValue();
            trace.valued(rule, index, values[r], values[r] == null ? INVALID_OMITTED : FROM_DEFAULT_INVALID);
            return null;
        }
        if (value.isEmpty()) {
            values[r] = rule.whenEmpty() == WhenEmpty.KEEP ? "" : rule.defaultValue();
            trace.valued(rule, index, values[r], FROM_DEFAULT);
            return null;
        }
        values[r] = TypedValues.cased(rule.caseRule(), value);
        trace.valued(rule, index, values[r], FROM_REQUEST);
        return null;
    }

    /**
     * Awin's click reference: the parameter when it has the awc shape ({@code sscid} carries it
     * once a merchant's tag forwards Awin's click ID, platforms.md §1.4, §5), else the
     * {@code aw<advertiserId>} cookie Cutover bridged onto the legacy host at the click.
     */
    private void clickRef(Rule rule, String raw, Merchant merchant, String[] values, int r, int index) {
        String decoded = raw == null ? "" : TypedValues.decoded(raw);
        if (TypedValues.isAwc(decoded)) {
            values[r] = decoded;
            trace.valued(rule, index, decoded, FROM_REQUEST);
            return;
        }
        String cookie = rule.cookie() == null ? null : context.cookie(rule.cookie(), merchant.advertiserId());
        if (cookie != null && TypedValues.isAwc(cookie)) {
            values[r] = cookie;
            trace.valued(rule, index, cookie, FROM_COOKIE);
            return;
        }
        values[r] = null;
        trace.valued(rule, index, null, decoded.isEmpty() ? FROM_DEFAULT : NOT_AWC);
    }

    /** The first non-blank item of a list, typed; {@code null} when it is not of the item type. */
    private static String firstItem(Rule rule, String raw) {
        String decoded = TypedValues.decoded(raw);
        int start = 0;
        int n = decoded.length();
        while (start <= n) {
            int end = decoded.indexOf(rule.separator(), start);
            if (end < 0) {
                end = n;
            }
            String item = TypedValues.trim(decoded.substring(start, end));
            if (!item.isEmpty()) {
                String typed = TypedValues.of(rule.of(), item);
                return typed == null ? null : Values.cap(typed, rule.max());
            }
            start = end + 1;
        }
        return "";
    }

    /** Whether every value a template names is present. */
    private static boolean composable(Template template, String[] values, int row, Columns columns) {
        for (int i = 0; i < template.size(); i++) {
            if (cell(template.rule(i), values, row, columns) == null) {
                return false;
            }
        }
        return true;
    }

    /** Appends a template, encoded; every value it names must be present. */
    private static void compose(StringBuilder out, Template template, String[] values, int row, Columns columns) {
        for (int i = 0; i < template.size(); i++) {
            PercentEncoder.appendComponent(out, template.literal(i));
            PercentEncoder.appendComponent(out, cell(template.rule(i), values, row, columns));
        }
        PercentEncoder.appendComponent(out, template.literal(template.size()));
    }

    private static String cell(int position, String[] values, int row, Columns columns) {
        int z = columns == null ? -1 : columns.of(position);
        if (z >= 0) {
            return row < columns.counts[z] ? columns.items[z][row] : "";
        }
        return values[position];
    }

    /**
     * The zipped lists of a rows rule: rule position → items. A handful, so a linear search; kept
     * in the workspace and refilled, items arrays included.
     */
    private static final class Columns {
        private int size;
        private int[] positions = new int[4];
        private int[] counts = new int[4];
        private String[][] items = new String[4][8];

        void reset(int zips) {
            if (positions.length < zips) {
                positions = new int[zips];
                counts = new int[zips];
                items = java.util.Arrays.copyOf(items, zips);
            }
            size = zips;
        }

        int of(int position) {
            for (int i = 0; i < size; i++) {
                if (positions[i] == position) {
                    return i;
                }
            }
            return -1;
        }

        void clear() {
            for (int z = 0; z < size; z++) {
                if (items[z] != null) {
                    java.util.Arrays.fill(items[z], 0, counts[z], null);
                }
            }
            size = 0;
        }
    }

    private static StringBuilder separate(StringBuilder query) {
        if (query.length() > 0) {
            query.append('&');
        }
        return query;
    }

    /** Zips the rule's lists into {@code target[0]=…&target[1]=…}. */
    private void rows(EndpointMapping endpoint, Rule rule, LegacyParams params, String[] values, StringBuilder query) {
        Columns columns = WORKSPACE.get().columns;
        columns.reset(rule.zip().size());
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (int z = 0; z < rule.zip().size(); z++) {
            int position = endpoint.position(rule.zipKey(z));
            Rule list = endpoint.rules().get(position);
            int index = indexOf(params, list);
            columns.positions[z] = position;
            columns.counts[z] = index < 0 ? 0 : items(list, params.value(index), columns, z);
            shortest = Math.min(shortest, columns.counts[z]);
            longest = Math.max(longest, columns.counts[z]);
        }
        int count;
        switch (rule.unequal()) {
            case LONGEST:
                count = longest;
                break;
            case OMIT:
                count = shortest == longest ? longest : 0;
                break;
            default:
                count = shortest;
                break;
        }
        count = Math.min(count, rule.maxRows());
        StringBuilder emitted = null;
        int rows = 0;
        for (int row = 0; row < count; row++) {
            if (!composable(rule.template(), values, row, columns)) {
                continue;
            }
            separate(query);
            int start = query.length();
            query.append(rule.target()).append('[').append(rows++).append("]=");
            compose(query, rule.template(), values, row, columns);
            if (trace != Trace.OFF) {
                if (emitted == null) {
                    emitted = new StringBuilder();
                } else {
                    emitted.append('&');
                }
                emitted.append(query, start, query.length());
            }
        }
        columns.clear();
        trace.rows(rule, shortest == Integer.MAX_VALUE ? 0 : shortest, longest, rows, emitted);
    }

    /**
     * A list's items into column {@code z}, form-decoded, trimmed and typed (an item not of the
     * type becomes empty); a {@code |} inside an item would shift the columns of Awin's product
     * rows, so it becomes a space. Answers how many.
     */
    private static int items(Rule list, String raw, Columns columns, int z) {
        String decoded = TypedValues.decoded(raw);
        if (decoded.isEmpty()) {
            return 0;
        }
        int count = 1;
        for (int i = 0; i < decoded.length(); i++) {
            if (decoded.charAt(i) == list.separator()) {
                count++;
            }
        }
        if (columns.items[z] == null || columns.items[z].length < count) {
            columns.items[z] = new String[Math.max(count, 8)];
        }
        String[] items = columns.items[z];
        int start = 0;
        for (int i = 0; i < count; i++) {
            int end = decoded.indexOf(list.separator(), start);
            if (end < 0) {
                end = decoded.length();
            }
            String item = TypedValues.trim(decoded.substring(start, end)).replace('|', ' ');
            String typed = item.isEmpty() ? "" : TypedValues.of(list.of(), item);
            items[i] = typed == null ? "" : Values.cap(typed, list.max());
            start = end + 1;
        }
        return count;
    }

    /** Every parameter under a prefix rule ({@code utm_*}) that no named rule takes, as received. */
    private void prefixed(
            EndpointMapping endpoint, Rule rule, LegacyParams params, boolean[] reattached, StringBuilder query) {
        for (int i = 0; i < params.size(); i++) {
            if (!reattached[i]
                    && params.keyStartsWith(i, rule.detail())
                    && endpoint.position(params, i) < 0
                    && endpoint.prefixRule(params, i) == rule
                    && params.indexOf(params.key(i)) == i) {
                appendPair(query, params, i);
                trace.prefixed(rule, i);
            }
        }
    }

    private static void appendPair(StringBuilder query, LegacyParams params, int i) {
        separate(query)
                .append(PercentEncoder.escapeIllegal(params.name(i)))
                .append('=')
                .append(PercentEncoder.escapeIllegal(params.value(i)));
    }

    /** The position of the pair that counts for a rule, or -1 (see {@link #paramPositions}). */
    private int indexOf(LegacyParams params, Rule rule) {
        int position = endpoint.position(rule.key());
        return position < 0 ? -1 : paramOf[position];
    }

    /**
     * For each rule, the position of the pair that counts for it, in one pass over the query: the
     * first non-empty pair under any of the rule's names, else the first empty one (platforms.md
     * §6.6). {@code -1} for rules without a pair.
     */
    static int[] paramPositions(EndpointMapping endpoint, LegacyParams params) {
        int[] paramOf = new int[endpoint.rules().size()];
        java.util.Arrays.fill(paramOf, -1);
        positions(endpoint, params, paramOf);
        return paramOf;
    }

    /** Fills {@code paramOf} (all -1 on entry) as {@link #paramPositions} describes. */
    private static void positions(EndpointMapping endpoint, LegacyParams params, int[] paramOf) {
        for (int i = 0; i < params.size(); i++) {
            int position = endpoint.position(params, i);
            if (position >= 0) {
                int current = paramOf[position];
                if (current < 0 || (params.isEmptyValue(current) && !params.isEmptyValue(i))) {
                    paramOf[position] = i;
                }
            }
        }
    }

    /** The same, for callers outside a translation (explain). */
    static int indexOf(EndpointMapping endpoint, LegacyParams params, Rule rule) {
        int position = endpoint.position(rule.key());
        return position < 0 ? -1 : paramPositions(endpoint, params)[position];
    }

    /** The normalised ID at a position, or {@code null} when absent, blank or malformed. */
    private static String readId(LegacyParams params, int index) {
        return index < 0 ? null : LegacyId.normalise(params.value(index));
    }

    private static Rejected rejectId(EndpointMapping endpoint, Rule rule, LegacyParams params, int index, String what) {
        String raw = index < 0 ? "" : params.value(index);
        if (index < 0 || LegacyId.isBlank(raw)) {
            return new Rejected(endpoint.name() + ": parameter " + rule.legacyName() + " (" + what + ") is missing");
        }
        return new Rejected(endpoint.name() + ": parameter " + rule.legacyName() + ": " + Quoted.of(raw)
                + " (expected: " + LegacyId.expectation(raw) + ")");
    }

    /**
     * The landing decision, or {@code null} when the endpoint has no landing rule. A raw value that
     * carries its own {@code ?} was pasted unencoded: the pairs after it that are not parameters of
     * this endpoint are the URL's own query, split off by the {@code &}s, and are put back. An
     * empty deep link on a product link lands on the product page of the product lookup.
     */
    private LandingDecision decideLanding(
            EndpointMapping endpoint, LegacyParams params, Merchant merchant, Product product, boolean[] reattached) {
        Rule rule = endpoint.landingRule().orElse(null);
        if (rule == null) {
            return null;
        }
        int index = indexOf(params, rule);
        String raw = index < 0 ? "" : params.value(index);
        if (raw.indexOf('?') >= 0) {
            StringBuilder url = null;
            for (int i = index + 1; i < params.size(); i++) {
                // Only named rules stop re-attaching: a pasted URL's own utm_ pairs belong to it.
                if (endpoint.position(params, i) < 0) {
                    if (url == null) {
                        url = new StringBuilder(raw.length() + 64).append(raw);
                    }
                    params.appendPair(url.append('&'), i);
                    reattached[i] = true;
                    trace.reattached(i);
                }
            }
            if (url != null) {
                raw = url.toString();
            }
        }
        if (raw.isEmpty() && product != null && product.page().isPresent()) {
            raw = PercentEncoder.encodeComponent(product.page().get());
            trace.productPage(rule);
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

    /** Copy: untouched, consent strings included (platforms.md §3.2, §6.11). */
    private static String copyValue(Rule rule, String raw, String value) {
        if (value != null && (raw == null || raw.isEmpty())) {
            return PercentEncoder.encodeComponent(value);
        }
        if (raw == null || raw.isEmpty()) {
            return emptyValue(rule.whenEmpty(), null);
        }
        return value == null ? null : PercentEncoder.escapeIllegal(value);
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
