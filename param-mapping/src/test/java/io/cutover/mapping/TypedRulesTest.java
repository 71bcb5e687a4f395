package io.cutover.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingSource;
import io.cutover.mapping.table.MappingTable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data-driven rule kinds of sale.cfm-like tables, each through a small table of its own. */
class TypedRulesTest {

    private static final String HEAD = """
            endpoint: /sale.cfm
            primary: /sread.img
            """;

    private static Translator table(String body) {
        return new Translator(
                MappingTable.compile(List.of(new MappingSource("t.yaml", HEAD + body))), FileDirectory.sample());
    }

    private static String query(Translator translator, String legacy) {
        return query(translator, legacy, RequestContext.NONE);
    }

    private static String query(Translator translator, String legacy, RequestContext context) {
        MappingResult result = translator.translate(LinkKind.CONVERSION, legacy, context);
        assertThat(result).isInstanceOf(Mapped.class);
        return ((Mapped) result).primary().query();
    }

    @Test
    void readsIntegersDecimalsAndCurrenciesAndLeavesOutWhatIsNotOfTheType() {
        Translator t = table("""
                params:
                  m:   { to: merchant, lookup: merchant }
                  q:   { to: qty, as: integer }
                  a:   { to: amount, as: decimal }
                  c:   { to: cr, as: currency }
                """);

        assertThat(query(t, "m=41388&q=007&a=.5&c=eur")).isEqualTo("merchant=15532&qty=7&amount=0.5&cr=EUR");
        assertThat(query(t, "m=41388&q=1.5&a=1,5&c=XYZ")).isEqualTo("merchant=15532");
        assertThat(query(t, "m=41388&a=-3.&c=USD")).isEqualTo("merchant=15532&amount=-3&cr=USD");
    }

    @Test
    void rejectsAnInvalidValueWhenTheRuleSaysSo() {
        Translator t = table("""
                params:
                  m: { to: merchant, lookup: merchant }
                  a: { to: amount, as: decimal, invalid: reject }
                """);

        assertThat(t.translate(LinkKind.CONVERSION, "m=41388&a=ten"))
                .isEqualTo(new Rejected(
                        "sale.cfm: parameter a: 'ten' (expected: a decimal number with a dot, e.g. 12.50)"));
    }

    @Test
    void translatesEnumsCaseInsensitivelyWithADefault() {
        Translator t = table("""
                params:
                  m: { to: merchant, lookup: merchant }
                  t: { to: group, as: enum, values: { sale: DEFAULT, lead: LEAD }, default: DEFAULT }
                """);

        assertThat(query(t, "m=41388&t=Lead")).isEqualTo("merchant=15532&group=LEAD");
        assertThat(query(t, "m=41388")).isEqualTo("merchant=15532&group=DEFAULT");
        assertThat(query(t, "m=41388&t=refund")).isEqualTo("merchant=15532&group=DEFAULT");
    }

    @Test
    void sendsTheFirstItemOfAListAndCasesIt() {
        Translator t = table("""
                params:
                  m:  { to: merchant, lookup: merchant }
                  cc: { to: vc, as: list, separator: ";", case: upper }
                """);

        assertThat(query(t, "m=41388&cc=%20%3Bspring%3Bvip")).isEqualTo("merchant=15532&vc=SPRING");
    }

    @Test
    void readsAParameterUnderAnyOfItsAliases() {
        Translator t = table("""
                params:
                  m:     { to: merchant, lookup: merchant }
                  xtype: { to: p2, as: text, aliases: [X-type] }
                """);

        assertThat(query(t, "m=41388&x-TYPE=web")).isEqualTo("merchant=15532&p2=web");
        assertThat(query(t, "m=41388&X-type=&xtype=app")).isEqualTo("merchant=15532&p2=app");
    }

    @Test
    void appliesARuleOnlyWhenItsConditionHoldsElseItsOtherwise() {
        Translator t = table("""
                params:
                  m:        { to: merchant, lookup: merchant }
                  channel:  { to: ch, as: text, when: { autovoid: "1" }, default: other, otherwise: aw }
                  autovoid: { as: enum, values: { "0": "0", "1": "1" } }
                """);

        assertThat(query(t, "m=41388&channel=google&autovoid=1")).isEqualTo("merchant=15532&ch=google");
        assertThat(query(t, "m=41388&autovoid=1")).isEqualTo("merchant=15532&ch=other");
        assertThat(query(t, "m=41388&channel=google&autovoid=0")).isEqualTo("merchant=15532&ch=aw");
        assertThat(query(t, "m=41388&channel=google")).isEqualTo("merchant=15532&ch=aw");
    }

    @Test
    void composesAParameterFromOtherValuesOnlyWhenAllArePresent() {
        Translator t = table("""
                params:
                  m: { to: merchant, lookup: merchant }
                  t: { as: enum, values: { sale: DEFAULT, lead: LEAD }, default: DEFAULT }
                  a: { to: amount, as: decimal }
                compose:
                  parts: "{t}:{a}"
                """);

        assertThat(query(t, "m=41388&a=8.33&t=lead")).isEqualTo("merchant=15532&amount=8.33&parts=LEAD%3A8.33");
        assertThat(query(t, "m=41388&t=lead")).isEqualTo("merchant=15532");
    }

    private static final String ROWS = """
            params:
              m:   { to: merchant, lookup: merchant }
              sku: { as: list }
              qty: { as: list, of: integer }
            rows:
              bd:
                zip: [sku, qty]
                row: "{m}|{sku}|{qty}"
                unequal: %s
                max: 3
            """;

    @Test
    void zipsListsIntoRowsAsManyAsTheShortestList() {
        Translator t = table(ROWS.formatted("shortest"));

        assertThat(query(t, "m=41388&sku=a,b%7Cc,d&qty=1,2"))
                .isEqualTo("merchant=15532&bd[0]=15532%7Ca%7C1&bd[1]=15532%7Cb%20c%7C2");
    }

    @Test
    void zipsListsIntoAsManyRowsAsTheLongestListWithEmptyCells() {
        Translator t = table(ROWS.formatted("longest"));

        assertThat(query(t, "m=41388&sku=a,b&qty=1,x,3,4"))
                .isEqualTo("merchant=15532&bd[0]=15532%7Ca%7C1&bd[1]=15532%7Cb%7C&bd[2]=15532%7C%7C3");
    }

    @Test
    void sendsNoRowsForListsOfUnequalLengthWhenTheRuleSaysOmit() {
        Translator t = table(ROWS.formatted("omit"));

        assertThat(query(t, "m=41388&sku=a,b&qty=1")).isEqualTo("merchant=15532");
        assertThat(query(t, "m=41388&sku=a&qty=1")).isEqualTo("merchant=15532&bd[0]=15532%7Ca%7C1");
    }

    private static final String CLICK_REF = """
            params:
              m:     { to: merchant, lookup: merchant }
              sscid: { to: cks, as: click-ref, cookie: aw, aliases: [awc] }
            """;

    private static final String AWC = "15532_1700000000_ee2e276e0114582ab5516d0d1e36bbf3";

    @Test
    void takesTheClickReferenceFromTheParameterWhenItHasAwinsShape() {
        assertThat(query(table(CLICK_REF), "m=41388&awc=" + AWC)).isEqualTo("merchant=15532&cks=" + AWC);
    }

    @Test
    void takesTheClickReferenceFromTheBridgedCookieOfThisAdvertiserElse() {
        Translator t = table(CLICK_REF);
        RequestContext cookies = RequestContext.of("aw10990=10990_1_ab; aw15532=\"" + AWC + "\"; x=1");

        assertThat(query(t, "m=41388&sscid=41k7_n2lff", cookies)).isEqualTo("merchant=15532&cks=" + AWC);
        assertThat(query(t, "m=41388&sscid=41k7_n2lff")).isEqualTo("merchant=15532");
        assertThat(query(t, "m=41388", RequestContext.of("aw15532=not-an-awc"))).isEqualTo("merchant=15532");
    }

    @Test
    void dropsPassesThroughOrRejectsUnknownParametersAsTheEndpointDeclares() {
        String body = """
                unknown: %s
                params:
                  m: { to: merchant, lookup: merchant }
                """;

        assertThat(query(table(body.formatted("drop")), "m=41388&extra=1")).isEqualTo("merchant=15532");
        assertThat(query(table(body.formatted("pass-through")), "m=41388&Extra=a%20b"))
                .isEqualTo("merchant=15532&Extra=a%20b");
        assertThat(table(body.formatted("reject")).translate(LinkKind.CONVERSION, "m=41388&extra=1"))
                .isEqualTo(new Rejected("sale.cfm: unknown parameter 'extra' (expected: one of the parameters of "
                        + "sale.cfm's mapping table)"));
    }

    @Test
    void passesPrefixedParametersUnderTheirOwnNames() {
        Translator t = table("""
                params:
                  m:     { to: merchant, lookup: merchant }
                  utm_*: { as: copy }
                """);

        assertThat(query(t, "utm_source=ShareASale&m=41388&utm_medium=a%2Fb&other=1"))
                .isEqualTo("merchant=15532&utm_source=ShareASale&utm_medium=a%2Fb");
    }

    @Test
    void creditsAnUnknownAffiliateToTheConfiguredPublisher() {
        Translator t = new Translator(MappingTable.builtIn(), FileDirectory.sample(), Optional.of("13430"));

        MappingResult result = t.translate(LinkKind.BANNER_CLICK, "u=111111&m=41388");

        assertThat(((Mapped) result).primary().query()).isEqualTo("awinmid=15532&awinaffid=13430");
        assertThat(t.explain(LinkKind.BANNER_CLICK, "u=111111&m=41388")
                        .steps()
                        .get(1)
                        .note())
                .hasValue("affiliate 111111 is not in the directory → Awin publisher 13430 "
                        + "(directory.unknown-affiliate)");
        assertThat(Fixtures.builtIn().translate(LinkKind.BANNER_CLICK, "u=111111&m=41388"))
                .isInstanceOf(Unmapped.class);
    }

    @Test
    void explainsEveryEndpointOfTheBuiltInTable() {
        Translator t = Fixtures.builtIn();

        assertThat(t.explain(LinkKind.DEAL_CLICK, "d=1&m=41388&u=873588").mapping())
                .isPresent();
        assertThat(t.explain(LinkKind.PRODUCT_CLICK, "merchantID=41388&userID=873588&productID=546411875")
                        .upstream())
                .hasValue("/pclick.php?m=15532&a=402911&p=33445566");
        Explanation sale = t.explain(
                LinkKind.CONVERSION, "merchantID=41388&tracking=A&amount=1&skulist=a,b&pricelist=1&quantitylist=1,1");
        assertThat(sale.steps())
                .filteredOn(step -> step.parameter().equals("(rows)"))
                .singleElement()
                .satisfies(step ->
                        assertThat(step.note()).hasValue("lists of unequal length (1 to 2): unequal: shortest; 1 row"));
        assertThat(sale.result()).isEqualTo(t.translate(LinkKind.CONVERSION, sale.rawQuery()));
    }
}
