package io.cutover.loadtest.sim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulated ShareASale answers on its tracking host: the click links {@code r.cfm},
 * {@code u.cfm} and {@code m-pr.cfm} (a 302 to the merchant landing with {@code sscid} first in
 * the query, platforms.md §1.4), the {@code sale.cfm} pixel and static banner images. Lenient the
 * way the legacy platform was: paths and parameter names in any case, {@code &amp;} tolerated.
 * It sets no cookie: nothing public documents one on ShareASale's own domain (platforms.md §1.4).
 */
final class ShareASaleRoutes implements TrackingRoutes {

    private final Map<String, String> defaultLandings;
    private final ClickIds clickIds;

    ShareASaleRoutes(Map<String, String> defaultLandings, ClickIds clickIds) {
        this.defaultLandings = Map.copyOf(defaultLandings);
        this.clickIds = clickIds;
    }

    @Override
    public SimResponse answer(SimRequest request) {
        String path = request.path().toLowerCase(Locale.ROOT);
        return switch (path) {
            case "/r.cfm", "/u.cfm" -> click(LegacyQuery.of(request.rawQuery()), "m", "u");
            case "/m-pr.cfm" -> click(LegacyQuery.of(request.rawQuery()), "merchantID", "userID");
            case "/sale.cfm" -> SimResponse.gif();
            default -> isBannerImage(path) ? SimResponse.gif() : TrackingRoutes.notFound(request);
        };
    }

    @Override
    public Optional<SimResponse> echo(SimRequest request) {
        String path = request.path().toLowerCase(Locale.ROOT);
        if (!path.equals("/r.cfm") && !path.equals("/u.cfm") && !path.equals("/m-pr.cfm")) {
            return Optional.empty();
        }
        String urllink = LegacyQuery.of(request.rawQuery()).raw("urllink");
        return TrackingRoutes.echoOf(urllink == null ? null : QueryString.decode(urllink, false));
    }

    private SimResponse click(LegacyQuery query, String merchantParam, String affiliateParam) {
        String merchantId = query.decoded(merchantParam);
        if (!TrackingRoutes.isNumericId(merchantId)) {
            return TrackingRoutes.badId(merchantParam, merchantId);
        }
        String affiliateId = query.decoded(affiliateParam);
        if (!TrackingRoutes.isNumericId(affiliateId)) {
            return TrackingRoutes.badId(affiliateParam, affiliateId);
        }
        // Decoded once, with RFC 3986 rules: a '+' in a landing URL is a plus (platforms.md §6.8).
        String urllink = query.raw("urllink");
        String deepLink =
                urllink == null ? "" : QueryString.decode(urllink, false).strip();
        String landing = deepLink.isEmpty() ? defaultLanding(merchantId) : withScheme(deepLink);
        return LocationHeader.of(LandingUrl.prependParameter(landing, "sscid", clickIds.sscid()))
                .map(SimResponse::redirect)
                .orElseGet(() -> SimResponse.text(400, "urllink: contains control characters (expected: a URL)"));
    }

    private String defaultLanding(String merchantId) {
        String landing = defaultLandings.get(merchantId);
        return landing != null ? landing : "https://merchant-" + merchantId + ".example/";
    }

    /**
     * ShareASale's recipe drops the scheme ({@code www.example.com/page.cfm%3FID%3D6}, platforms.md
     * §1.1, S1); the platform restores it, and https is the safe default today (§6.3).
     */
    private static String withScheme(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return url;
        }
        return url.startsWith("//") ? "https:" + url : "https://" + url;
    }

    /** {@code /image/<merchant>/<file>}: static banner files on the legacy host (platforms.md §2.2). */
    private static boolean isBannerImage(String path) {
        if (!path.startsWith("/image/")) {
            return false;
        }
        int slash = path.indexOf('/', "/image/".length());
        return slash > "/image/".length() && slash < path.length() - 1 && path.indexOf('/', slash + 1) < 0;
    }
}
