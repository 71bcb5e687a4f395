package io.cutover.cookie;

import io.cutover.web.HostNames;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the bridge writes and bounds cookies; validated at construction.
 *
 * @param domain the {@code Domain} for cookies on the legacy host, such as {@code .shareasale.com};
 *     used when the host the browser asked is that domain or under it, else cookies are host-only
 * @param maxLifetime the longest lifetime a relayed cookie keeps; longer ones are capped
 * @param maxCookies the most cookies passed on from one request header, or relayed from one response
 * @param maxCookieBytes the longest name-value pair passed on or relayed (browsers keep at least 4096)
 * @param legacyClickCookie the legacy-format click cookie Cutover writes when Awin answered, its
 *     name with {@code {merchant}} standing for the legacy merchant ID. ShareASale's own cookie
 *     names are not public (platforms.md §1.4, §8): set it to what the legacy platform reads
 * @param legacyClickLifetime that cookie's lifetime when Awin's click cookie gives none
 * @param crossSite whether tracking cookies must work cross-site (the sale pixel on the merchant's
 *     page): over HTTPS they then get {@code Secure; SameSite=None}
 * @param tcfVendorId the TCF vendor whose consent is required besides purpose 1, or empty
 */
public record CookiePolicy(
        Optional<String> domain,
        Duration maxLifetime,
        int maxCookies,
        int maxCookieBytes,
        String legacyClickCookie,
        Duration legacyClickLifetime,
        boolean crossSite,
        OptionalInt tcfVendorId) {

    /** The placeholder of the merchant ID in {@link #legacyClickCookie}. */
    public static final String MERCHANT = "{merchant}";

    /** Awin's usual click window, 30 days (platforms.md §3.4). */
    public static final Duration DEFAULT_LEGACY_CLICK_LIFETIME = Duration.ofDays(30);

    /** Browsers keep no cookie longer than 400 days (RFC 6265bis §5.5). */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofDays(400);

    public CookiePolicy {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(tcfVendorId, "tcfVendorId");
        domain.ifPresent(d -> {
            if (!HostNames.isCookieDomain(d)) {
                throw new IllegalArgumentException("domain: " + d + " (expected: a host name such as .shareasale.com)");
            }
        });
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("maxLifetime: " + maxLifetime + " (expected: > 0)");
        }
        if (maxCookies < 1) {
            throw new IllegalArgumentException("maxCookies: " + maxCookies + " (expected: >= 1)");
        }
        if (maxCookieBytes < 64) {
            throw new IllegalArgumentException("maxCookieBytes: " + maxCookieBytes + " (expected: >= 64)");
        }
        if (legacyClickCookie == null || !isNameTemplate(legacyClickCookie)) {
            throw new IllegalArgumentException("legacyClickCookie: " + legacyClickCookie
                    + " (expected: a cookie name, letters, digits, _ or -, optionally with {merchant})");
        }
        if (AwinCookies.isAwin(legacyClickCookie.replace(MERCHANT, "1"))) {
            throw new IllegalArgumentException(
                    "legacyClickCookie: " + legacyClickCookie + " (expected: a name that is not one of Awin's)");
        }
        if (legacyClickLifetime == null || legacyClickLifetime.isNegative() || legacyClickLifetime.isZero()) {
            throw new IllegalArgumentException("legacyClickLifetime: " + legacyClickLifetime + " (expected: > 0)");
        }
    }

    /** The defaults: host-only cookies, 400 days at most, 50 cookies of 4096 bytes, {@code sscid_{merchant}}. */
    public static CookiePolicy defaults() {
        return new CookiePolicy(
                Optional.empty(),
                DEFAULT_MAX_LIFETIME,
                50,
                4096,
                "sscid_" + MERCHANT,
                DEFAULT_LEGACY_CLICK_LIFETIME,
                true,
                OptionalInt.empty());
    }

    /** This policy with another cookie domain. */
    public CookiePolicy withDomain(Optional<String> cookieDomain) {
        return new CookiePolicy(
                cookieDomain,
                maxLifetime,
                maxCookies,
                maxCookieBytes,
                legacyClickCookie,
                legacyClickLifetime,
                crossSite,
                tcfVendorId);
    }

    /** The legacy click cookie's name for this merchant. */
    public String legacyClickCookieName(String legacyMerchantId) {
        return legacyClickCookie.replace(MERCHANT, legacyMerchantId);
    }

    private static boolean isNameTemplate(String template) {
        String name = template.replace(MERCHANT, "1");
        if (name.isEmpty() || name.length() > 128 || name.startsWith("__")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
