package io.cutover.mapping.landing;

import io.cutover.mapping.query.Quoted;

/**
 * Where a click lands and why: the deep link when it passed the safe-redirect check, else the
 * merchant's default landing page.
 *
 * @param verdict why the deep link was used or refused
 * @param landing the landing to use: always an absolute http(s) URL on an allowed domain with no
 *     control characters (the directory guarantees the same of a default landing)
 * @param decoded the deep link after decoding, as judged ({@code ""} when empty)
 * @param decodePasses decoding passes over the raw value (0 when empty)
 * @param url the parsed deep link, or {@code null} when empty or refused before parsing
 */
public record LandingDecision(
        LandingVerdict verdict, String landing, String decoded, int decodePasses, LandingUrl url) {

    /** Whether the deep link is used. */
    public boolean isDeepLink() {
        return verdict == LandingVerdict.SAFE;
    }

    /**
     * What was repaired and decided, for {@code cutover explain}: a scheme assumed, user info
     * dropped, and the verdict, e.g. {@code host evil.com is not an allowed domain of merchant
     * 41388 → default landing}. Not for the hot path.
     */
    public String describe(String merchantId) {
        StringBuilder note = new StringBuilder(96);
        if (url != null && url.schemeAssumed() && verdict != LandingVerdict.NOT_HTTP) {
            note.append("no scheme: https:// assumed; ");
        }
        if (url != null && url.userinfoDropped()) {
            note.append("user info before '@' dropped, the browser's host is ")
                    .append(url.host())
                    .append("; ");
        }
        switch (verdict) {
            case SAFE:
                note.append("host ")
                        .append(url.host())
                        .append(" is allowed for merchant ")
                        .append(merchantId);
                break;
            case EMPTY:
                note.append("no deep link: the merchant's default landing");
                break;
            case CONTROL_CHARACTERS:
                note.append("control characters (CR, LF, NUL…) after decoding → default landing");
                break;
            case NOT_HTTP:
                note.append("scheme ")
                        .append(url == null ? "?" : url.scheme())
                        .append(" is not http(s) → default landing");
                break;
            case NO_HOST:
                note.append("no host → default landing");
                break;
            case INVALID_HOST:
                note.append("host ")
                        .append(Quoted.of(url.host()))
                        .append(" is not a valid host name → default landing");
                break;
            case IP_LITERAL:
                note.append("host ")
                        .append(url.host())
                        .append(" is an IP address, not a merchant's domain → default landing");
                break;
            case DOMAIN_NOT_ALLOWED:
                note.append("host ")
                        .append(url.host())
                        .append(" is not an allowed domain of merchant ")
                        .append(merchantId)
                        .append(" → default landing");
                break;
            default:
                throw new AssertionError(verdict);
        }
        return note.toString();
    }
}
