package io.cutover.mapping;

/**
 * What a legacy request is, decided from its path alone: one of ShareASale's tracking endpoints,
 * or anything else (passed through to the legacy platform untouched).
 *
 * <p>ColdFusion served these paths case-insensitively, so {@link #ofPath} does too.
 */
public enum LinkKind {
    /** {@code r.cfm}: banner and text links, including deep links. */
    BANNER_CLICK("/r.cfm", true),
    /** {@code u.cfm}: deal and coupon links. */
    DEAL_CLICK("/u.cfm", true),
    /** {@code m-pr.cfm}: product and data-feed links. */
    PRODUCT_CLICK("/m-pr.cfm", true),
    /** {@code sale.cfm}: the conversion pixel. */
    CONVERSION("/sale.cfm", false),
    /** Anything else: banner images, static files, unknown paths. Not a tracked event. */
    PASS_THROUGH(null, false);

    private final String legacyPath;
    private final boolean click;

    LinkKind(String legacyPath, boolean click) {
        this.legacyPath = legacyPath;
        this.click = click;
    }

    /** The legacy path ({@code /r.cfm}), or {@code null} for {@link #PASS_THROUGH}. */
    public String legacyPath() {
        return legacyPath;
    }

    /** Whether the shopper expects a redirect (a click) rather than a pixel or a body. */
    public boolean isClick() {
        return click;
    }

    /** Whether requests of this kind are tracked events with an event ID and a fate. */
    public boolean isTracked() {
        return this != PASS_THROUGH;
    }

    /**
     * Classifies a request path (without the query). Allocation-free: this runs for every request.
     */
    public static LinkKind ofPath(CharSequence path) {
        for (LinkKind kind : TRACKED) {
            if (equalsIgnoreAsciiCase(path, kind.legacyPath)) {
                return kind;
            }
        }
        return PASS_THROUGH;
    }

    private static final LinkKind[] TRACKED = {BANNER_CLICK, DEAL_CLICK, PRODUCT_CLICK, CONVERSION};

    private static boolean equalsIgnoreAsciiCase(CharSequence a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < b.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && toLower(x) != y) {
                return false;
            }
        }
        return true;
    }

    private static char toLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
