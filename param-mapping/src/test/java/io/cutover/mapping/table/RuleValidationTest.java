package io.cutover.mapping.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cutover.mapping.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator's checks of the data-driven rule kinds, each reported as file:line:column. */
class RuleValidationTest {

    private static final String HEAD = """
            endpoint: /sale.cfm
            primary: /sread.img
            params:
              m: { to: merchant, lookup: merchant }
            """;

    private static List<String> problems(String text) {
        MappingFileException refused = catchThrowableOfType(
                MappingFileException.class, () -> MappingTable.compile(List.of(new MappingSource("t.yaml", text))));
        assertThat(refused).as("the table was accepted").isNotNull();
        return refused.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void refusesAnAliasThatIsAlreadyAnotherRulesName() {
        assertThat(problems(HEAD + """
                  xtype: { to: p2, as: text, aliases: [X-type, M] }
                """))
                .containsExactly("t.yaml:5:3: params.xtype: duplicate alias M: already a name of params.m (at 4:3); "
                        + "legacy names are case-insensitive");
    }

    @Test
    void refusesAnAliasRepeatingTheRulesOwnName() {
        assertThat(problems(HEAD + """
                  xtype: { to: p2, as: text, aliases: [XType] }
                """))
                .containsExactly("t.yaml:5:3: params.xtype: duplicate alias XType (legacy names are case-insensitive)");
    }

    @Test
    void refusesAComposedParameterThatARuleAlreadyEmits() {
        assertThat(problems(HEAD + """
                  a: { to: parts, as: decimal }
                compose:
                  parts: "{a}:x"
                """))
                .containsExactly("t.yaml:7:3: compose.parts: parts is already emitted by the rule at 5:3 (expected: "
                        + "each Awin parameter once)");
    }

    @Test
    void refusesARuleThatNothingEmitsOrUses() {
        assertThat(problems(HEAD + """
                  t: { as: enum, values: { sale: DEFAULT } }
                """))
                .containsExactly("t.yaml:5:3: params.t: unreachable: no to: and no compose:, rows: or when: uses it "
                        + "(expected: a to:, or drop: with a reason)");
    }

    @Test
    void refusesAConditionThatCanNeverHold() {
        assertThat(problems(HEAD + """
                  channel:  { to: ch, as: text, when: { autovoid: "2" } }
                  autovoid: { as: enum, values: { "0": "0", "1": "1" } }
                """))
                .containsExactly(
                        "t.yaml:5:3: params.channel.when: unreachable: autovoid is never '2' (expected: one of "
                                + "its values 0, 1)");
    }

    @Test
    void refusesAConditionOnAParameterTheEndpointDoesNotHave() {
        assertThat(problems(HEAD + """
                  channel: { to: ch, as: text, when: { autovoid: "1" } }
                """))
                .containsExactly("t.yaml:5:3: params.channel.when: autovoid is not a parameter of this endpoint "
                        + "(expected: one of the params: names)");
    }

    @Test
    void refusesAPrefixRuleThatAnEarlierOneShadows() {
        assertThat(problems(HEAD + """
                  utm_*:  { as: copy }
                  utm_s*: { as: copy }
                """))
                .containsExactly("t.yaml:6:3: params.utm_s*: unreachable: every parameter it matches is taken by "
                        + "params.utm_* (at 5:3)");
    }

    @Test
    void refusesTemplatesAndZipsNamingWhatIsNotThere() {
        assertThat(problems(HEAD + """
                  sku: { as: list }
                  b:   { drop: "not needed" }
                compose:
                  parts: "{amount}"
                rows:
                  bd: { zip: [sku, b], row: "{sku}|{b}" }
                """))
                .containsExactly(
                        "t.yaml:8:3: compose.parts: {amount} is not a parameter this endpoint reads (expected: one of "
                                + "the params: names that is not dropped)",
                        "t.yaml:10:3: rows.bd: {b} is not a parameter this endpoint reads (expected: one of the "
                                + "params: names that is not dropped)",
                        "t.yaml:10:3: rows.bd.zip: b is not a list parameter (expected: a params: entry with as: list)");
    }

    @Test
    void reportsBadValuesOfTheNewKeysWithTheirColumn() {
        assertThat(problems(HEAD + """
                  a: { to: amount, as: decimal, invalid: drop }
                  t: { to: tt, as: enum, values: { sale: DEFAULT }, default: LEAD }
                  l: { to: vc, as: list, of: boolean }
                  c: { to: cks, as: text, cookie: aw }
                unknown: keep
                """))
                .containsExactly(
                        "t.yaml:9:10: unknown: 'keep' (expected: one of drop, pass-through, reject)",
                        "t.yaml:5:42: params.a.invalid: 'drop' (expected: one of omit, reject)",
                        "t.yaml:6:62: params.t.default: 'LEAD' (expected: one of the Awin values DEFAULT)",
                        "t.yaml:7:30: params.l.of: 'boolean' (expected: one of text, integer, decimal, currency)",
                        "t.yaml:8:27: params.c.cookie: not allowed with as: text (only click-ref rules)");
    }

    @Test
    void refusesAProductRouteThatDropsConsent() {
        assertThat(problems("""
                endpoint: /m-pr.cfm
                primary: /cread.php
                products:
                  route: /pclick.php
                  items: { 1: { 2: { awin: 3 } } }
                params:
                  merchantID:   { to: awinmid, lookup: merchant, pclick: m }
                  userID:       { to: awinaffid, lookup: affiliate, pclick: a }
                  productID:    { as: product, pclick: p }
                  cons:         { to: cons, pclick: cons }
                  gdpr:         { to: gdpr }
                  gdpr_consent: { to: gdpr_consent, pclick: gdpr_consent }
                """))
                .containsExactly("t.yaml:11:3: params.gdpr: not forwarded on the product route (expected: { to: gdpr, "
                        + "pclick: gdpr }; consent must reach Awin untouched, platforms.md §6.11)");
    }

    @Test
    void countsAtLeastFiftyParameterNamesInTheShippedTables() {
        int entries = MappingTable.builtIn().endpoints().stream()
                .mapToInt(EndpointMapping::parameterEntries)
                .sum();

        assertThat(entries).isGreaterThanOrEqualTo(50);
    }
}
