package io.cutover.mapping;

import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.landing.LandingDecision;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.LegacyParams;
import io.cutover.mapping.query.Param;
import io.cutover.mapping.query.PercentDecoder;
import io.cutover.mapping.query.Quoted;
import io.cutover.mapping.table.EndpointMapping;
import io.cutover.mapping.table.Product;
import io.cutover.mapping.table.Rule;
import io.cutover.mapping.table.RuleKind;
import io.cutover.mapping.table.WhenEmpty;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records a translation's steps and turns them into an {@link Explanation}; one per explain call. */
final class ExplainRecorder implements Trace {

    private final LinkKind kind;
    private final String rawQuery;
    private final Map<Rule, Draft> drafts = new IdentityHashMap<>();
    private final List<Integer> reattached = new ArrayList<>();
    private final List<Integer> prefixed = new ArrayList<>();
    private final List<Integer> passed = new ArrayList<>();
    private EndpointMapping endpoint;
    private LegacyParams params;
    private String merchantId = "?";
    private String affiliateId = "?";

    ExplainRecorder(LinkKind kind, String rawQuery) {
        this.kind = kind;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
    }

    @Override
    public void parsed(EndpointMapping endpoint, LegacyParams params) {
        this.endpoint = endpoint;
        this.params = params;
    }

    @Override
    public void identity(Rule rule, int index, String id) {
        Draft draft = draft(rule);
        if (id == null) {
            draft.result = "rejected";
            return;
        }
        if (rule.kind() == RuleKind.LOOKUP_MERCHANT) {
            merchantId = id;
        } else {
            affiliateId = id;
        }
        if (!params.get(index).rawValue().equals(id)) {
            draft.notes.add("normalised to " + id);
        }
    }

    @Override
    public void merchant(Rule rule, Merchant merchant) {
        Draft draft = draft(rule);
        if (merchant == null) {
            draft.result = "unmapped";
            draft.notes.add("merchant " + merchantId + " is not in the directory");
        } else {
            draft.notes.add(
                    merchant.onPrimary()
                            ? "merchant " + merchantId + " → Awin advertiser " + merchant.advertiserId()
                            : "merchant " + merchantId + " has no Awin advertiser id yet: legacy, within "
                                    + merchant.allowedDomains());
        }
    }

    @Override
    public void publisher(Rule rule, String publisher, boolean fallback) {
        Draft draft = draft(rule);
        if (publisher == null) {
            draft.result = "unmapped";
            draft.notes.add("affiliate " + affiliateId + " is not in the directory");
        } else if (fallback) {
            draft.notes.add("affiliate " + affiliateId + " is not in the directory → Awin publisher " + publisher
                    + " (directory.unknown-affiliate)");
        } else {
            draft.notes.add("affiliate " + affiliateId + " → Awin publisher " + publisher);
        }
    }

    @Override
    public void product(Rule rule, int index, String productId, Product product) {
        Draft draft = draft(rule);
        if (productId == null) {
            draft.notes.add(index < 0 ? "no product ID" : "not a product ID (a number)");
        } else if (product == null) {
            draft.notes.add("product " + productId + " of merchant " + merchantId
                    + " is not in the product lookup → cread.php deep link");
        } else {
            boolean route = product.awinProductId().isPresent()
                    && endpoint.products().route().isPresent();
            draft.notes.add("product " + productId + " → "
                    + (route
                            ? "Awin product " + product.awinProductId().get() + " on "
                                    + endpoint.products().route().get()
                            : "product page " + product.page().orElse("(none)") + " on cread.php"));
        }
    }

    @Override
    public void productPage(Rule rule) {
        draft(rule).notes.add("empty: the product page from the product lookup is the deep link");
    }

    @Override
    public void valued(Rule rule, int index, String value, String how) {
        Draft draft = draft(rule);
        if (how == Translation.FROM_REQUEST) {
            String raw = index < 0 ? null : params.get(index).rawValue();
            if (raw != null && !raw.equals(value) && rule.kind().isTyped()) {
                draft.notes.add("read as " + value);
            }
            if (index >= 0 && !params.get(index).key().equals(rule.key())) {
                draft.notes.add("alias " + params.get(index).name() + " of " + rule.legacyName());
            }
            return;
        }
        if (how == Translation.FROM_DEFAULT) {
            if (value != null && !value.isEmpty()) {
                draft.notes.add("default " + value);
            }
            return;
        }
        if (how == Translation.CONDITION_FAILED) {
            draft.notes.add("condition " + rule.when() + " does not hold"
                    + (value == null ? ": nothing emitted" : ": " + value));
            return;
        }
        if (how == Translation.FROM_COOKIE) {
            draft.notes.add(
                    "no Awin click reference in the request: taken from cookie " + rule.cookie() + "<advertiser>");
            return;
        }
        if (how == Translation.NOT_AWC) {
            draft.notes.add("not an Awin click reference (<digits>_<digits>_<hex>) and no " + rule.cookie()
                    + "<advertiser> cookie with one: cks left out");
            return;
        }
        String raw = index < 0 ? "" : params.get(index).rawValue();
        draft.notes.add(Quoted.of(raw) + " is not " + TypedValues.expectation(rule.kind())
                + (value == null ? ": omitted" : ": default " + value));
    }

    @Override
    public void rows(Rule rule, int shortest, int longest, int rows, CharSequence pairs) {
        Draft draft = draft(rule);
        draft.result = rows == 0 ? "no rows" : pairs.toString();
        if (shortest != longest) {
            draft.notes.add("lists of unequal length (" + shortest + " to " + longest + "): unequal: "
                    + rule.unequal().spelling());
        }
        draft.notes.add(rows + (rows == 1 ? " row" : " rows"));
    }

    @Override
    public void prefixed(Rule rule, int index) {
        prefixed.add(index);
        Draft draft = draft(rule);
        draft.notes.add("forwarded " + params.get(index).name());
    }

    @Override
    public void passedThrough(int index) {
        passed.add(index);
    }

    @Override
    public void reattached(int index) {
        reattached.add(index);
    }

    @Override
    public void landing(Rule rule, int index, String raw, LandingDecision decision) {
        Draft draft = draft(rule);
        if (!reattached.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (int i : reattached) {
                names.append(names.length() == 0 ? "" : ", ")
                        .append(params.get(i).name());
            }
            draft.notes.add("raw '?' in the value: re-attached " + names + " from the request to the URL's query");
        }
        if (decision.decodePasses() > 1) {
            draft.notes.add("decoded in " + decision.decodePasses() + " passes (it was encoded more than once): "
                    + decision.decoded());
        } else if (decision.verdict() != LandingVerdict.EMPTY) {
            draft.notes.add("decoded: " + decision.decoded());
        }
        draft.notes.add(decision.describe(merchantId));
        if (decision.verdict() == LandingVerdict.EMPTY && rule.whenEmpty() == WhenEmpty.OMIT) {
            draft.notes.add("ued left out: Awin uses the advertiser's default landing");
        }
    }

    @Override
    public void emitted(Rule rule, int index, String value) {
        Draft draft = draft(rule);
        String raw = index < 0 ? null : params.get(index).rawValue();
        if (rule.kind() == RuleKind.DROP) {
            draft.result = raw == null ? "absent" : "not forwarded";
            draft.notes.add(rule.detail());
            return;
        }
        if (rule.kind() == RuleKind.ROWS || rule.kind() == RuleKind.PREFIX) {
            if (rule.kind() == RuleKind.PREFIX && draft.result == null) {
                draft.result = draft.notes.isEmpty() ? "none present" : "forwarded";
            }
            return;
        }
        if (value != null) {
            draft.result = rule.target() + '=' + value;
        } else if (rule.target() == null && rule.kind().readsParameter() && raw != null) {
            draft.result = "used by other rules";
        } else if (rule.kind() == RuleKind.LANDING) {
            draft.result = "omitted (empty)";
        } else {
            draft.result = raw == null ? "omitted (absent)" : "omitted (empty)";
        }
        if (raw != null && !raw.isEmpty()) {
            noteValue(rule, raw, value, draft);
        }
    }

    private static void noteValue(Rule rule, String raw, String value, Draft draft) {
        switch (rule.kind()) {
            case SUBID:
            case TEXT: {
                String decoded = PercentDecoder.decodeForm(raw);
                if (raw.indexOf('+') >= 0) {
                    draft.notes.add("'+' read as a space (form decoding)");
                }
                String cleaned = rule.kind() == RuleKind.SUBID ? Values.removeControls(decoded) : decoded;
                if (cleaned.length() != decoded.length()) {
                    draft.notes.add("control characters removed");
                }
                int length = cleaned.codePointCount(0, cleaned.length());
                if (rule.max() > 0 && length > rule.max()) {
                    draft.notes.add("capped at " + rule.max() + " characters (was " + length + ")");
                }
                break;
            }
            case COPY:
                draft.notes.add(
                        raw.equals(value)
                                ? "forwarded untouched"
                                : "forwarded; characters illegal in a URL percent-encoded");
                break;
            default:
                break;
        }
    }

    Explanation finish(MappingResult result) {
        List<Explanation.Step> steps = new ArrayList<>();
        String stopped = stopReason(result);
        if (endpoint == null) {
            for (Param param : LegacyParams.parse(rawQuery).all()) {
                steps.add(step(
                        param.name(), Optional.of(param.rawValue()), stopped, "sent to legacy unchanged", null, null));
            }
            return new Explanation(kind, rawQuery, Optional.empty(), steps, result);
        }
        String mapping = endpoint.kind().legacyPath() + " → " + endpoint.primaryPath() + " (" + endpoint.origin() + ")";
        if (params.truncated()) {
            return new Explanation(kind, rawQuery, Optional.of(mapping), steps, result);
        }
        boolean[] covered = new boolean[params.size()];
        for (Rule rule : endpoint.rules()) {
            addRuleSteps(rule, steps, covered, stopped);
        }
        for (int i : prefixed) {
            covered[i] = true;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!covered[i]) {
                Param param = params.get(i);
                boolean passedThrough = passed.contains(i);
                steps.add(step(
                        param.name(),
                        Optional.of(param.rawValue()),
                        "not in the mapping table",
                        passedThrough ? "passed through (unknown: pass-through)" : "not forwarded",
                        passedThrough ? null : "unknown: " + endpoint.unknown().spelling(),
                        null));
            }
        }
        return new Explanation(kind, rawQuery, Optional.of(mapping), steps, result);
    }

    private void addRuleSteps(Rule rule, List<Explanation.Step> steps, boolean[] covered, String stopped) {
        Draft draft = drafts.get(rule);
        String source = rule.origin().toString();
        String outcome = draft == null ? "not evaluated" : draft.result == null ? "not emitted" : draft.result;
        List<String> notes = draft == null ? new ArrayList<>() : draft.notes;
        if (draft == null || draft.result == null) {
            notes.add("translation stopped: " + stopped);
        } else if (draft.result.equals("rejected")) {
            notes.add(stopped);
        }
        if (!rule.kind().readsParameter()) {
            String label = rule.kind() == RuleKind.FIXED
                    ? "(fixed)"
                    : "(" + rule.kind().label() + ")";
            steps.add(step(label, Optional.empty(), rule.description(), outcome, join(notes), source));
            return;
        }
        if (rule.kind() == RuleKind.PREFIX) {
            steps.add(
                    step(rule.legacyName() + "*", Optional.empty(), rule.description(), outcome, join(notes), source));
            return;
        }
        int index = Translation.indexOf(endpoint, params, rule);
        Param param = index < 0 ? null : params.get(index);
        steps.add(step(
                param == null ? rule.legacyName() : param.name(),
                param == null ? Optional.empty() : Optional.of(param.rawValue()),
                rule.description(),
                outcome,
                join(notes),
                source));
        for (int i = 0; i < params.size(); i++) {
            if (answersTo(rule, params.get(i).key())) {
                covered[i] = true;
                if (i != index) {
                    Param duplicate = params.get(i);
                    steps.add(step(
                            duplicate.name(),
                            Optional.of(duplicate.rawValue()),
                            "duplicate of " + rule.legacyName(),
                            "ignored",
                            "the first non-empty value counts",
                            source));
                }
            }
        }
        if (rule.kind() == RuleKind.LANDING) {
            for (int i : reattached) {
                covered[i] = true;
                Param pair = params.get(i);
                steps.add(step(
                        pair.name(),
                        Optional.of(pair.rawValue()),
                        "re-attached to the landing URL",
                        "part of " + rule.target(),
                        "follows " + rule.legacyName() + ", whose value has a raw '?', and is not a parameter of "
                                + endpoint.name(),
                        source));
            }
        }
    }

    private static boolean answersTo(Rule rule, String key) {
        for (int i = 0; i < rule.keyCount(); i++) {
            if (rule.key(i).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static String stopReason(MappingResult result) {
        if (result instanceof Unmapped) {
            return ((Unmapped) result).reason();
        }
        return result instanceof Rejected ? ((Rejected) result).reason() : "";
    }

    private Draft draft(Rule rule) {
        return drafts.computeIfAbsent(rule, r -> new Draft());
    }

    private static String join(List<String> notes) {
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static Explanation.Step step(
            String parameter, Optional<String> raw, String rule, String result, String note, String source) {
        return new Explanation.Step(
                parameter, raw, rule, result, Optional.ofNullable(note), Optional.ofNullable(source));
    }

    /** What is known about one rule so far. */
    private static final class Draft {
        private String result;
        private final List<String> notes = new ArrayList<>();
    }
}
