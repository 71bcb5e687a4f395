package io.cutover.mapping;

import static io.cutover.mapping.Fixtures.DEFAULT_LANDING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rule kinds and options the built-in r.cfm file does not use, through tables written here. */
class RuleKindsTranslationTest {

    @Test
    void sendsTheDefaultLandingWhenTheRuleSaysSo() {
        Translator translator = Fixtures.withTable("""
                endpoint: /r.cfm
                primary: /cread.php
                params:
                  m: { to: awinmid, lookup: merchant }
                  u: { to: awinaffid, lookup: affiliate }
                  urllink: { to: ued, as: landing, when-empty: default-landing }
                  cons: { to: cons }
                  gdpr: { to: gdpr }
                  gdpr_consent: { to: gdpr_consent }
                """);

        Mapped mapped = (Mapped) translator.translate(LinkKind.BANNER_CLICK, "m=41388&u=873588&urllink=");

        assertThat(mapped.primary().query())
                .isEqualTo("awinmid=15532&awinaffid=402911&" + "ued=https%3A%2F%2Fwww.example.com%2F");
        assertThat(mapped.landing()).isEqualTo(DEFAULT_LANDING);
    }

    @Test
    void keepsAnEmptyParameterWhenTheRuleSaysSo() {
        Translator translator = Fixtures.withTable("""
                endpoint: /r.cfm
                primary: /cread.php
                params:
                  m: { to: awinmid, lookup: merchant }
                  u: { to: awinaffid, lookup: affiliate }
                  afftrack: { to: clickref, as: subid, when-empty: keep }
                  cons: { to: cons }
                  gdpr: { to: gdpr }
                  gdpr_consent: { to: gdpr_consent }
                """);

        assertThat(((Mapped) translator.translate(LinkKind.BANNER_CLICK, "m=41388&u=873588"))
                        .primary()
                        .query())
                .isEqualTo("awinmid=15532&awinaffid=402911&clickref=");
    }

    @Test
    void emitsFixedParametersAndTextInFileOrder() {
        Translator translator = Fixtures.withTable("""
                endpoint: /u.cfm
                primary: /cread.php
                params:
                  m: { to: awinmid, lookup: merchant }
                  u: { to: awinaffid, lookup: affiliate }
                  cons: { to: cons }
                  gdpr: { to: gdpr }
                  gdpr_consent: { to: gdpr_consent }
                fixed:
                  platform: dl
                  note: a b
                ---
                endpoint: /m-pr.cfm
                primary: /cread.php
                params:
                  merchantID: { to: awinmid, lookup: merchant }
                  userID: { to: awinaffid, lookup: affiliate }
                  productID: { to: campaign, as: text, max: 4 }
                  cons: { to: cons }
                  gdpr: { to: gdpr }
                  gdpr_consent: { to: gdpr_consent }
                """);

        assertThat(((Mapped) translator.translate(LinkKind.DEAL_CLICK, "d=1&m=24570&u=3574798"))
                        .primary()
                        .query())
                .isEqualTo("awinmid=10990&awinaffid=1068842&platform=dl&note=a%20b");
        assertThat(((Mapped) translator.translate(
                                LinkKind.PRODUCT_CLICK, "merchantID=41388&userID=873588&" + "productID=546411875"))
                        .primary()
                        .query())
                .isEqualTo("awinmid=15532&awinaffid=402911&campaign=5464");
    }

    @Test
    void translatesAConversionWithoutAffiliate() {
        Translator translator = Fixtures.withTable("""
                endpoint: /sale.cfm
                primary: /sread.img
                fixed: { tt: ns, tv: 2 }
                params:
                  merchantID: { to: merchant, lookup: merchant }
                  amount: { to: amount, as: text, max: 20 }
                  tracking: { to: ref, as: text, max: 50 }
                  currency: { to: cr }
                  transtype: { drop: "no Awin equivalent; leads use a commission group (platforms.md §7)" }
                """);

        MappingResult result = translator.translate(
                LinkKind.CONVERSION, "tracking=ORD%201&amount=12.50&" + "merchantID=41388&currency=USD&transtype=sale");

        assertThat(result)
                .isEqualTo(new Mapped(
                        LinkKind.CONVERSION,
                        "41388",
                        "",
                        new PrimaryRequest("/sread.img", "tt=ns&tv=2&merchant=15532&amount=12.50&ref=ORD%201&cr=USD"),
                        DEFAULT_LANDING));
    }

    @Test
    void rejectsWithTheNameTheTableGivesTheIdParameter() {
        Translator translator = Fixtures.withTable("""
                endpoint: /m-pr.cfm
                primary: /cread.php
                params:
                  merchantID: { to: awinmid, lookup: merchant }
                  userID: { to: awinaffid, lookup: affiliate }
                  cons: { to: cons }
                  gdpr: { to: gdpr }
                  gdpr_consent: { to: gdpr_consent }
                """);

        assertThat(translator.translate(LinkKind.PRODUCT_CLICK, "merchantid=41388"))
                .isEqualTo(new Rejected("m-pr.cfm: parameter userID (affiliate id) is missing"));
    }
}
