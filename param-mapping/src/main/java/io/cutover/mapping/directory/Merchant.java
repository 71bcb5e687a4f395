package io.cutover.mapping.directory;

import io.cutover.cookie.Phase;
import io.cutover.web.HostNames;
import java.util.List;

/**
 * A merchant as both platforms know it.
 *
 * @param legacyId ShareASale merchant ID (normalised digits)
 * @param advertiserId Awin advertiser ID ({@code awinmid}), or {@code null} while the merchant is not
 *     on Awin yet: its clicks then go to legacy, and its domains still bound every redirect
 * @param defaultLanding the merchant's default landing page: an absolute http(s) URL on one of
 *     {@code allowedDomains}
 * @param allowedDomains lower-case host names a redirect may go to; each allows itself and its
 *     subdomains ({@code example.com} allows {@code www.example.com})
 * @param phase the merchant's cookie phase, or {@code null} for the configured default
 */
public record Merchant(
        String legacyId, String advertiserId, String defaultLanding, List<String> allowedDomains, Phase phase) {

    public Merchant {
        allowedDomains = List.copyOf(allowedDomains);
    }

    /** A merchant that follows the configured default phase. */
    public Merchant(String legacyId, String advertiserId, String defaultLanding, List<String> allowedDomains) {
        this(legacyId, advertiserId, defaultLanding, allowedDomains, null);
    }

    /** The merchant's phase, or {@code defaultPhase} when the directory gives none. */
    public Phase phaseOr(Phase defaultPhase) {
        return phase != null ? phase : defaultPhase;
    }

    /**
     * Whether a redirect to this host is allowed. The host must already be lower-case ASCII (as
     * the landing normaliser produces it).
     */
    public boolean allows(String host) {
        for (String domain : allowedDomains) {
            if (HostNames.isWithin(host, domain)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the merchant has an Awin advertiser ID, so its links can be translated. */
    public boolean onPrimary() {
        return advertiserId != null;
    }
}
