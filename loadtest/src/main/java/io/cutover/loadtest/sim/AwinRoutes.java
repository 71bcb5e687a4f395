package io.cutover.loadtest.sim;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulated Awin answers on its tracking host: {@code cread.php} deep-link and
 * {@code pclick.php} product clicks
 * (a 302 to the landing with {@code awc} appended and the {@code aw<mid>} cookie, platforms.md
 * §3.3–3.4), the {@code sread.img} conversion pixel and the {@code sread.php} server-to-server
 * conversion ({@code tt=ss}, §4) that replays use.
 */
final class AwinRoutes implements TrackingRoutes {

    /** Awin's usual click cookie lifetime, 30 days (platforms.md §3.4). */
    static final long COOKIE_MAX_AGE_SECONDS = 2_592_000;

    private final Map<String, String> defaultLandings;
    private final Clock clock;
    private final ClickIds clickIds;

    AwinRoutes(Map<String, String> defaultLandings, Clock clock, ClickIds clickIds) {
        this.defaultLandings = Map.copyOf(defaultLandings);
        this.clock = clock;
        this.clickIds = clickIds;
    }

    @Override
    public SimResponse answer(SimRequest request) {
        return switch (request.path()) {
            case "/cread.php" -> click(request, "awinmid", "awinaffid");
            case "/pclick.php" -> click(request, "m", "a");
            case "/sread.img" -> SimResponse.gif();
            case "/sread.php" -> serverToServer(request);
            default -> TrackingRoutes.notFound(request);
        };
    }

    @Override
    public Optional<SimResponse> echo(SimRequest request) {
        return request.path().equals("/cread.php") ? TrackingRoutes.echoOf(request.first("ued")) : Optional.empty();
    }

    /**
     * A deep link ({@code cread.php?awinmid=&awinaffid=&ued=}) or a product link ({@code
     * pclick.php?m=&a=&p=}, which lands on the advertiser's default page here: the simulator has no
     * product feed).
     */
    private SimResponse click(SimRequest request, String advertiserName, String publisherName) {
        String advertiserId = request.first(advertiserName);
        if (!TrackingRoutes.isNumericId(advertiserId)) {
            return TrackingRoutes.badId(advertiserName, advertiserId);
        }
        String publisherId = request.first(publisherName);
        if (!TrackingRoutes.isNumericId(publisherId)) {
            return TrackingRoutes.badId(publisherName, publisherId);
        }
        String ued = request.first("ued");
        String landing = ued == null || ued.isEmpty() ? defaultLanding(advertiserId) : ued;
        // cons=0: Awin sets no cookie and passes no click ID to the landing (platforms.md §3.2, A7).
        if ("0".equals(request.first("cons"))) {
            return redirect(landing).orElseGet(AwinRoutes::unusableLanding);
        }
        String awc = clickIds.awc(advertiserId, clock.instant().getEpochSecond());
        return redirect(LandingUrl.appendParameter(landing, "awc", awc))
                .map(redirect -> redirect.withHeader("Set-Cookie", cookie(advertiserId, awc)))
                .orElseGet(AwinRoutes::unusableLanding);
    }

    /**
     * Awin's server-to-server conversion call (platforms.md §4): {@code tt=ss} and a numeric
     * {@code merchant}; the answer is a short text, nothing a browser would render.
     */
    private static SimResponse serverToServer(SimRequest request) {
        String type = request.first("tt");
        if (!"ss".equals(type)) {
            return SimResponse.text(400, "tt: " + (type == null ? "missing" : "'" + type + "'") + " (expected: ss)");
        }
        String merchant = request.first("merchant");
        if (!TrackingRoutes.isNumericId(merchant)) {
            return TrackingRoutes.badId("merchant", merchant);
        }
        return SimResponse.text(200, "OK");
    }

    private String defaultLanding(String advertiserId) {
        String landing = defaultLandings.get(advertiserId);
        return landing != null ? landing : "https://advertiser-" + advertiserId + ".example/";
    }

    private static Optional<SimResponse> redirect(String location) {
        return LocationHeader.of(location).map(SimResponse::redirect);
    }

    /** A third-party cookie on Awin's own domain, as a browser receives it; the proxy rewrites it. */
    private static String cookie(String advertiserId, String awc) {
        return "aw" + advertiserId + "=" + awc + "; Domain=.awin1.com; Path=/; Max-Age=" + COOKIE_MAX_AGE_SECONDS
                + "; SameSite=None; Secure";
    }

    private static SimResponse unusableLanding() {
        return SimResponse.text(400, "ued: contains control characters (expected: a URL)");
    }
}
