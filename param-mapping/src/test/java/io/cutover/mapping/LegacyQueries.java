package io.cutover.mapping;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.cutover.mapping.landing.DeepLinks;
import io.cutover.mapping.query.PercentEncoder;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Legacy query strings drawn from the fuzzer's data: the parameters of every ShareASale endpoint
 * (platforms.md §1, §2) with typical, edge and hostile values, written the ways publishers write
 * them (upper case names, {@code &amp;}, extra encoding). The sample directory knows merchants
 * 41388 and 24570 and affiliates 873588 and 3574798.
 */
final class LegacyQueries {

    private static final List<String> NAMES = List.of(
            "b",
            "u",
            "m",
            "urllink",
            "afftrack",
            "d",
            "p",
            "merchantID",
            "merchantId",
            "amount",
            "tracking",
            "transtype",
            "currency",
            "couponcode",
            "skulist",
            "pricelist",
            "quantitylist",
            "newcustomer",
            "xtype",
            "xType",
            "v",
            "storeID",
            "channel",
            "autovoid",
            "sscid",
            "testmode",
            "cons",
            "gdpr",
            "gdpr_consent",
            "utm_source",
            "utm_campaign",
            "awc",
            "clickref",
            "persale",
            "unknown",
            "");
    private static final List<String> VALUES = List.of(
            "41388",
            "24570",
            "99999",
            "873588",
            "3574798",
            "111111",
            "02",
            " 41388 ",
            "41388x",
            "-1",
            "",
            "12.50",
            "12,50",
            "0.001",
            "1e3",
            "99999999999999999999",
            "-5.00",
            "USD",
            "usd",
            "EUR",
            "XXX",
            "US",
            "sale",
            "lead",
            "LEAD",
            "a,b,c",
            "1,2",
            "9.99,1.50,2",
            "1,2,3,4",
            "SAVE10,SUMMER",
            "1",
            "0",
            "true",
            "yes",
            "9334_1516099141_ee2e7d1ea6f8f7d1d2a5f7b6c2e0a1b3",
            "ab1k2_xyz9",
            "9334_1516099141_",
            "%",
            "%0D%0A",
            "a+b",
            "😀");
    private static final List<UnaryOperator<String>> ENCODINGS = List.of(
            value -> value,
            value -> value,
            PercentEncoder::encodeComponent,
            value -> PercentEncoder.encodeComponent(PercentEncoder.encodeComponent(value)));
    private static final List<String> SEPARATORS = List.of("&", "&", "&", "&amp;", "&&");

    private LegacyQueries() {}

    static String any(FuzzedDataProvider data) {
        StringBuilder query = new StringBuilder();
        int pairs = data.consumeInt(0, 24);
        for (int i = 0; i < pairs; i++) {
            if (i > 0) {
                query.append(data.pickValue(SEPARATORS));
            }
            String name = data.consumeInt(0, 9) == 0 ? data.consumeString(6) : data.pickValue(NAMES);
            query.append(data.consumeBoolean() ? name : name.toUpperCase(Locale.ROOT));
            query.append('=');
            query.append(data.pickValue(ENCODINGS).apply(value(data, name)));
        }
        return query.toString();
    }

    private static String value(FuzzedDataProvider data, String name) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> data.consumeString(12);
            case 1 -> DeepLinks.any(data).replace("&", "");
            default -> data.pickValue(VALUES);
        };
    }
}
