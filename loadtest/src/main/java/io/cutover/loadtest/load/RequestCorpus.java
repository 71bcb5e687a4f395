package io.cutover.loadtest.load;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The requests a load run draws from: every legacy endpoint as publishers and merchants send it,
 * and the messy shapes real links arrive in (platforms.md §6), against the sample directory
 * (merchant 41388 → Awin 15532, affiliate 873588 → 402911). Weights follow real traffic roughly:
 * clicks far outnumber sales, plain clicks outnumber deep links.
 */
public final class RequestCorpus {

    private static final List<RequestMix.Weighted> STANDARD = List.of(
            weighted(30, "r.cfm", "r.cfm", "/r.cfm?b=1632110&u=873588&m=41388&urllink=&afftrack="),
            weighted(
                    20,
                    "r.cfm-deep-link",
                    "r.cfm",
                    "/r.cfm?b=1632110&u=873588&m=41388&urllink=www.example.com/page%3Fid%3D6&afftrack=nov"),
            weighted(8, "u.cfm", "u.cfm", "/u.cfm?d=440762&m=41388&u=873588&afftrack=spring"),
            weighted(
                    8,
                    "m-pr.cfm",
                    "m-pr.cfm",
                    "/m-pr.cfm?merchantID=41388&userID=873588&productID=546411875&urllink=www.example.com%2Fitem%3Fid%3D9"),
            new RequestMix.Weighted(
                    new CorpusRequest(
                            "sale.cfm",
                            "sale.cfm",
                            "/sale.cfm?merchantID=41388&tracking=ORDER-{n}&amount=25.00&transtype=sale&currency=USD"
                                    + "&couponcode=SPRING&skulist=S1,S2&pricelist=10.00,7.50&quantitylist=1,2",
                            List.of("Cookie: aw15532=15532_1795356296_20e5c800bc585168622d49e28dc6e8f9")),
                    8),
            weighted(
                    2,
                    "sale.cfm-lead",
                    "sale.cfm",
                    "/sale.cfm?merchantID=41388&tracking=LEAD-{n}&amount=0.00&transtype=lead&persale=0"),
            // The messy shapes: each must still land (or be refused with a reason), never break.
            weighted(
                    3,
                    "r.cfm-amp-entities",
                    "r.cfm",
                    "/r.cfm?b=366125&amp;u=873588&amp;m=41388&amp;urllink=&amp;afftrack=html&#38;cons=1"),
            weighted(3, "r.cfm-upper-case-keys", "r.cfm", "/r.cfm?B=02&U=873588&M=41388"),
            weighted(
                    3,
                    "r.cfm-double-encoded",
                    "r.cfm",
                    "/r.cfm?b=1&u=873588&m=41388&urllink=https%253A%252F%252Fwww.example.com%252Fp%253Fq%253D1&afftrack="),
            weighted(
                    3,
                    "r.cfm-repeated-keys",
                    "r.cfm",
                    "/r.cfm?b=1&u=873588&m=41388&urllink=&urllink=www.example.com%2Ffirst&urllink=www.example.com%2Fsecond"),
            weighted(3, "r.cfm-empty-values", "r.cfm", "/r.cfm?b=&u=873588&m=41388&urllink=&afftrack="),
            weighted(2, "r.cfm-unknown-merchant", "r.cfm", "/r.cfm?b=1&u=873588&m=99999&urllink=&afftrack="),
            weighted(2, "r.cfm-unknown-affiliate", "r.cfm", "/r.cfm?b=1&u=111111&m=41388&urllink=&afftrack="),
            weighted(
                    2,
                    "r.cfm-foreign-deep-link",
                    "r.cfm",
                    "/r.cfm?b=1&u=873588&m=41388&urllink=https%3A%2F%2Fevil.example.net%2F&afftrack="),
            weighted(2, "r.cfm-missing-merchant", "r.cfm", "/r.cfm?b=1&u=873588&urllink=&afftrack="),
            weighted(1, "other-banner", "other", "/image/41388/banner-468x60.gif"));

    private RequestCorpus() {}

    /** The whole corpus with its weights. */
    public static RequestMix standard() {
        return RequestMix.of(STANDARD);
    }

    /** The one click the earlier measurements used: a mapped deep link (the sandbox's must-show click). */
    public static CorpusRequest mustShowClick() {
        return STANDARD.get(1).request();
    }

    static String names() {
        return STANDARD.stream().map(e -> e.request().name()).collect(Collectors.joining(", "));
    }

    private static RequestMix.Weighted weighted(int weight, String name, String endpoint, String target) {
        return new RequestMix.Weighted(new CorpusRequest(name, endpoint, target), weight);
    }
}
