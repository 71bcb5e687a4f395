package io.cutover.mapping.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cutover.mapping.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingFileErrorsTest {

    /** Lines 1–8 are a valid r.cfm head; each test appends from line 9. */
    private static final String HEAD = """
            endpoint: /r.cfm
            primary: /cread.php
            params:
              m: { to: awinmid, lookup: merchant }
              u: { to: awinaffid, lookup: affiliate }
              cons: { to: cons }
              gdpr: { to: gdpr }
              gdpr_consent: { to: gdpr_consent }
            """;

    private static final String CONSENT = """
              cons: { to: cons }
              gdpr: { to: gdpr }
              gdpr_consent: { to: gdpr_consent }
            """;

    @Test
    void reportsAnUnknownRuleKindWithFileLineAndTheChoices() {
        assertThat(problems("r-cfm.yaml", HEAD + "  afftrack: { to: clickref2, as: subidd }\n"))
                .containsExactly(
                        "r-cfm.yaml:9:34: params.afftrack.as: 'subidd' (expected: one of landing, subid, text, copy, integer, decimal, currency, enum, list, click-ref, product, lookup)");
    }

    @Test
    void reportsAnUnknownKeyInARule() {
        assertThat(problems(HEAD + "  afftrack: { to: clickref2, as: subid, mx: 5 }\n"))
                .containsExactly(
                        "t.yaml:9:41: params.afftrack.mx: unknown key (expected: one of to, as, lookup, max, when-empty, drop, aliases, values, default, invalid, case, separator, of, when, otherwise, cookie, pclick)");
    }

    @Test
    void reportsAnUnknownTopLevelKey() {
        assertThat(problems(HEAD + "primry: /x\n"))
                .containsExactly(
                        "t.yaml:9:1: primry: unknown key (expected: one of endpoint, primary, unknown, fixed, params, compose, rows, products)");
    }

    @Test
    void reportsAMissingTarget() {
        assertThat(problems(HEAD + "  afftrack: { as: subid }\n"))
                .containsExactly("t.yaml:9:3: params.afftrack.to: missing (expected: the Awin parameter name)");
    }

    @Test
    void reportsADuplicateKeyWithTheFirstLine() {
        assertThat(problems(HEAD + "  afftrack: { to: clickref2, as: subid }\n  afftrack: { to: clickref3, as: subid "
                        + "}\n"))
                .containsExactly("t.yaml:10:3: params.afftrack: duplicate key (first at 9:3)");
    }

    @Test
    void reportsNamesThatDifferOnlyInCase() {
        assertThat(problems(HEAD + "  M: { drop: legacy spelling }\n"))
                .containsExactly(
                        "t.yaml:9:3: params.M: same parameter as params.m (at 4:3); legacy names are case-insensitive");
    }

    @Test
    void requiresAMerchantLookup() {
        assertThat(problems("""
                endpoint: /r.cfm
                primary: /cread.php
                params:
                  u: { to: awinaffid, lookup: affiliate }
                """ + CONSENT))
                .containsExactly(
                        "t.yaml:3:1: params: no rule with lookup: merchant (expected: exactly one; it carries the merchant ID)");
    }

    @Test
    void refusesASecondMerchantLookup() {
        assertThat(problems(HEAD + "  merchantID: { to: merchant, lookup: merchant }\n"))
                .containsExactly(
                        "t.yaml:9:3: params.merchantID.lookup: a second merchant lookup (expected: exactly one; the first is "
                                + "params.m at 4:3)");
    }

    @Test
    void requiresAnAffiliateLookupOnClickEndpoints() {
        assertThat(problems("""
                endpoint: /u.cfm
                primary: /cread.php
                params:
                  m: { to: awinmid, lookup: merchant }
                """ + CONSENT))
                .containsExactly("t.yaml:3:1: params: no rule with lookup: affiliate "
                        + "(expected: exactly one on /u.cfm; it carries the affiliate ID)");
    }

    @Test
    void acceptsAConversionEndpointWithoutAffiliate() {
        MappingTable table = compile("""
                endpoint: /sale.cfm
                primary: /sread.img
                fixed: { tt: ns, tv: 2 }
                params:
                  merchantID: { to: merchant, lookup: merchant }
                  tracking: { to: ref, as: text, max: 50 }
                """);

        assertThat(table.endpoints()).hasSize(1);
        assertThat(table.endpoints().get(0).affiliateRule()).isEmpty();
    }

    @Test
    void refusesAnUnknownEndpoint() {
        assertThat(problems("endpoint: /x.cfm\nprimary: /cread.php\nparams:\n  m: { to: awinmid, lookup: merchant }\n"))
                .containsExactly(
                        "t.yaml:1:11: endpoint: '/x.cfm' (expected: one of /r.cfm, /u.cfm, /m-pr.cfm, /sale.cfm)");
    }

    @Test
    void refusesAPrimaryThatIsNotAnAbsolutePath() {
        assertThat(problems(HEAD.replace("primary: /cread.php", "primary: cread.php?x=1")))
                .containsExactly(
                        "t.yaml:2:10: primary: 'cread.php?x=1' (expected: an absolute path without query, e.g. /cread.php)");
    }

    @Test
    void reportsMissingSections() {
        assertThat(problems("primary: /cread.php\n"))
                .containsExactly(
                        "t.yaml:1:1: endpoint: missing (expected: one of /r.cfm, /u.cfm, /m-pr.cfm, /sale.cfm)",
                        "t.yaml:1:1: params: missing (expected: a mapping of legacy parameter: rule)");
    }

    @Test
    void reportsAYamlSyntaxErrorWithItsLine() {
        List<String> problems = problems(HEAD + "  afftrack: { to: clickref2, as: subid\n  b: { drop: x }\n");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("t.yaml:10:4: YAML syntax: ");
    }

    @Test
    void refusesACapThatIsNotAPositiveNumber() {
        assertThat(problems(HEAD + "  afftrack: { to: clickref2, as: subid, max: -5 }\n"))
                .containsExactly("t.yaml:9:41: params.afftrack.max: '-5' (expected: a whole number from 1 to 10000)");
    }

    @Test
    void refusesACapOnAKindThatIsNotCapped() {
        assertThat(problems(HEAD + "  xtype: { to: p1, max: 3 }\n"))
                .containsExactly(
                        "t.yaml:9:20: params.xtype.max: not allowed with as: copy (only subid, text and list values are capped)");
    }

    @Test
    void refusesAnUnknownWhenEmptyAndDefaultLandingOutsideLandingRules() {
        assertThat(problems(HEAD + "  urllink: { to: ued, as: landing, when-empty: default }\n"
                        + "  afftrack: { to: clickref2, as: subid, when-empty: default-landing }\n"))
                .containsExactly(
                        "t.yaml:9:36: params.urllink.when-empty: 'default' (expected: one of omit, keep, default-landing)",
                        "t.yaml:10:41: params.afftrack.when-empty: default-landing is only for as: landing");
    }

    @Test
    void refusesTargetsAlongsideDrop() {
        assertThat(problems(HEAD + "  b: { drop: no equivalent, to: linkid }\n"))
                .containsExactly(
                        "t.yaml:9:29: params.b.to: not allowed with drop (a dropped parameter is not forwarded)");
    }

    @Test
    void requiresAReasonToDrop() {
        assertThat(problems(HEAD + "  b: { drop: '' }\n"))
                .containsExactly("t.yaml:9:8: params.b.drop: missing reason (expected: why the parameter is not "
                        + "forwarded)");
    }

    @Test
    void refusesARuleWrittenAsAPlainValue() {
        assertThat(problems(HEAD + "  b: drop\n"))
                .containsExactly("t.yaml:9:6: params.b: 'drop' (expected: a mapping of name: value)");
    }

    @Test
    void refusesUpperCaseAwinNames() {
        assertThat(problems(HEAD + "  afftrack: { to: ClickRef2, as: subid }\n"))
                .containsExactly(
                        "t.yaml:9:19: params.afftrack.to: 'ClickRef2' (expected: a lower-case Awin parameter name of a-z, 0-9, _ "
                                + "- . [ ])");
    }

    @Test
    void refusesAnUnknownLookup() {
        assertThat(problems(HEAD + "  d: { to: linkid, lookup: deal }\n"))
                .containsExactly("t.yaml:9:28: params.d.lookup: 'deal' (expected: merchant or affiliate)");
    }

    @Test
    void refusesTwoRulesEmittingTheSameAwinParameter() {
        assertThat(problems(HEAD + "  afftrack: { to: clickref2, as: subid }\n  sid: { to: clickref2, as: subid }\n"))
                .containsExactly("t.yaml:10:3: params.sid: clickref2 is already emitted by the rule at 9:3 "
                        + "(expected: each Awin parameter once)");
    }

    @Test
    void refusesASecondLandingRule() {
        assertThat(problems(HEAD + "  urllink: { to: ued, as: landing }\n  url: { to: p, as: landing }\n"))
                .containsExactly(
                        "t.yaml:10:3: params.url.as: a second landing rule (expected: at most one; the first is at 9:3)");
    }

    @Test
    void refusesAFixedParameterWithoutValue() {
        assertThat(problems(HEAD + "fixed:\n  platform:\n"))
                .containsExactly("t.yaml:10:12: fixed.platform: nothing (expected: the constant value)");
    }

    @Test
    void listsEveryProblemOfEveryFileNotJustTheFirst() {
        MappingFileException refused = catchThrowableOfType(
                MappingFileException.class,
                () -> MappingTable.compile(List.of(
                        new MappingSource(
                                "a.yaml", HEAD + "  afftrack: { to: clickref2, as: subidd }\n  b: { drop: '' }\n"),
                        new MappingSource("b.yaml", "endpoint: /u.cfm\nprimary: /cread.php\nparams: {}\nextra: 1\n"))));

        assertThat(refused.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "a.yaml:9:34: params.afftrack.as: 'subidd' (expected: one of landing, subid, text, copy, integer, decimal, currency, enum, list, click-ref, product, lookup)",
                        "a.yaml:10:8: params.b.drop: missing reason (expected: why the parameter is not forwarded)",
                        "b.yaml:4:1: extra: unknown key (expected: one of endpoint, primary, unknown, fixed, params, compose, rows, products)",
                        "b.yaml:3:1: params: no rule with lookup: merchant (expected: exactly one; it carries the merchant ID)",
                        "b.yaml:3:1: params: no rule with lookup: affiliate (expected: exactly one on /u.cfm; it carries the "
                                + "affiliate ID)",
                        "b.yaml:3:1: params: no rule for cons (expected: cons: { to: cons }; consent must reach Awin untouched, "
                                + "platforms.md §6.11)",
                        "b.yaml:3:1: params: no rule for gdpr (expected: gdpr: { to: gdpr }; consent must reach Awin untouched, "
                                + "platforms.md §6.11)",
                        "b.yaml:3:1: params: no rule for gdpr_consent (expected: gdpr_consent: { to: gdpr_consent }; "
                                + "consent must reach Awin untouched, platforms.md §6.11)");
        assertThat(refused.getMessage()).startsWith("mapping table refused: 8 problems\n  a.yaml:9:34: ");
    }

    @Test
    void refusesAnEndpointMappedTwiceAcrossFiles() {
        List<MappingSource> twice = List.of(new MappingSource("a.yaml", HEAD), new MappingSource("b.yaml", HEAD));

        assertThatThrownBy(() -> MappingTable.compile(twice))
                .isInstanceOf(MappingFileException.class)
                .hasMessageContaining("b.yaml:1:1: endpoint: /r.cfm is already mapped at a.yaml:1:1");
    }

    @Test
    void refusesAClickMappingWithoutConsentRules() {
        assertThat(problems(HEAD.replace("  gdpr: { to: gdpr }\n", "")))
                .containsExactly(
                        "t.yaml:3:1: params: no rule for gdpr (expected: gdpr: { to: gdpr }; consent must reach Awin untouched, "
                                + "platforms.md §6.11)");
    }

    @Test
    void refusesConsentThatIsNotForwardedUntouched() {
        assertThat(problems(HEAD.replace("cons: { to: cons }", "cons: { to: cons, as: text }")
                        .replace("gdpr: { to: gdpr }", "gdpr: { drop: not needed }")))
                .containsExactly(
                        "t.yaml:6:3: params.cons: text → cons (expected: { to: cons }; consent must reach Awin untouched, "
                                + "platforms.md §6.11)",
                        "t.yaml:7:3: params.gdpr: drop (expected: { to: gdpr }; consent must reach Awin untouched, platforms.md "
                                + "§6.11)");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThat(problems("# nothing yet\n"))
                .containsExactly("t.yaml:1:1: no endpoint in this file (expected: endpoint:, primary: and params:)");
    }

    private static List<String> problems(String yaml) {
        return problems("t.yaml", yaml);
    }

    private static List<String> problems(String name, String yaml) {
        MappingFileException refused = catchThrowableOfType(
                MappingFileException.class, () -> MappingTable.compile(List.of(new MappingSource(name, yaml))));
        assertThat(refused).as("expected the file to be refused").isNotNull();
        return refused.problems().stream().map(Problem::toString).toList();
    }

    private static MappingTable compile(String yaml) {
        return MappingTable.compile(List.of(new MappingSource("t.yaml", yaml)));
    }
}
