package io.cutover.mapping.directory;

import io.cutover.cookie.Phase;
import io.cutover.mapping.landing.LandingUrl;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.web.ControlCharacters;
import io.cutover.web.HostNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The directory's DynamoDB table layout, one item per identity, partition key {@code pk}:
 *
 * <pre>
 *   pk = merchant#41388   advertiser = "15532"  landing = "https://www.example.com/"  domains = {"example.com"}
 *   pk = affiliate#873588 publisher = "402911"
 * </pre>
 *
 * A merchant item may also carry {@code phase} ({@code legacy-only}, {@code dual} or {@code
 * primary-only}); without it the configured default phase applies.
 *
 * All values are strings ({@code S}; {@code domains} a string set, {@code SS}). Decoding checks
 * an item as the file reader checks a file entry, so a hand-edited item cannot serve a bad
 * redirect.
 */
final class DirectoryItems {

    static final String KEY = "pk";
    static final String MERCHANT_PREFIX = "merchant#";
    static final String AFFILIATE_PREFIX = "affiliate#";
    static final String ADVERTISER = "advertiser";
    static final String LANDING = "landing";
    static final String DOMAINS = "domains";
    static final String PUBLISHER = "publisher";
    static final String PHASE = "phase";

    /** The attributes a scan reads: nothing else an item may carry. */
    static final String PROJECTION = String.join(", ", KEY, ADVERTISER, LANDING, DOMAINS, PUBLISHER, PHASE);

    private DirectoryItems() {}

    static Map<String, AttributeValue> merchantKey(String legacyId) {
        return Map.of(KEY, AttributeValue.fromS(MERCHANT_PREFIX + legacyId));
    }

    static Map<String, AttributeValue> affiliateKey(String legacyId) {
        return Map.of(KEY, AttributeValue.fromS(AFFILIATE_PREFIX + legacyId));
    }

    static Map<String, AttributeValue> merchantItem(Merchant merchant) {
        Map<String, AttributeValue> item = new HashMap<>(merchantKey(merchant.legacyId()));
        if (merchant.onPrimary()) {
            item.put(ADVERTISER, AttributeValue.fromS(merchant.advertiserId()));
        }
        item.put(LANDING, AttributeValue.fromS(merchant.defaultLanding()));
        item.put(DOMAINS, AttributeValue.fromSs(merchant.allowedDomains()));
        if (merchant.phase() != null) {
            item.put(PHASE, AttributeValue.fromS(merchant.phase().toString()));
        }
        return item;
    }

    static Map<String, AttributeValue> affiliateItem(long legacyId, long publisherId) {
        return Map.of(
                KEY,
                AttributeValue.fromS(AFFILIATE_PREFIX + legacyId),
                PUBLISHER,
                AttributeValue.fromS(Long.toString(publisherId)));
    }

    /** The legacy ID in an item's key with this prefix, or {@code null} when it is not one. */
    static String legacyId(Map<String, AttributeValue> item, String prefix) {
        String key = string(item, KEY);
        if (key == null || !key.startsWith(prefix)) {
            return null;
        }
        String id = key.substring(prefix.length());
        return FileDirectory.isNormalised(id) ? id : null;
    }

    /**
     * The merchant an item holds.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static Merchant merchant(String legacyId, Map<String, AttributeValue> item) {
        String advertiser = string(item, ADVERTISER);
        // Absent while the merchant is not on Awin yet: its domains still bound every redirect.
        if (advertiser != null && !FileDirectory.isNormalised(advertiser)) {
            throw new IllegalArgumentException(ADVERTISER + ": " + advertiser + " (expected: the Awin advertiser id)");
        }
        AttributeValue domainsValue = item.get(DOMAINS);
        List<String> domains = domainsValue == null ? List.of() : new ArrayList<>(domainsValue.ss());
        if (domains.isEmpty()) {
            throw new IllegalArgumentException(DOMAINS + ": missing (expected: a string set of host names)");
        }
        domains.sort(null);
        for (String domain : domains) {
            if (!HostNames.isCanonicalDomain(domain)) {
                throw new IllegalArgumentException(
                        DOMAINS + ": " + domain + " (expected: a lower-case host name such as example.com)");
            }
        }
        String landing = string(item, LANDING);
        LandingUrl url = landing == null || ControlCharacters.inUrl(landing) ? null : LandingUrl.parse(landing);
        if (url == null || url.verdict() != LandingVerdict.SAFE || url.schemeAssumed() || url.userinfoDropped()) {
            throw new IllegalArgumentException(LANDING + ": " + landing + " (expected: an absolute http(s) URL)");
        }
        String phaseText = string(item, PHASE);
        Phase phase = phaseText == null ? null : Phase.parse(phaseText).orElse(null);
        if (phaseText != null && phase == null) {
            throw new IllegalArgumentException(PHASE + ": " + phaseText + " (expected: " + Phase.NAMES + ")");
        }
        Merchant merchant = new Merchant(legacyId, advertiser, url.canonical(), domains, phase);
        if (!merchant.allows(url.host())) {
            throw new IllegalArgumentException(
                    LANDING + ": host " + url.host() + " is not on the merchant's domains " + domains);
        }
        return merchant;
    }

    /**
     * The Awin publisher ID an affiliate item holds.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static String publisher(Map<String, AttributeValue> item) {
        String publisher = string(item, PUBLISHER);
        if (!FileDirectory.isNormalised(publisher)) {
            throw new IllegalArgumentException(PUBLISHER + ": " + publisher + " (expected: the Awin publisher id)");
        }
        return publisher;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
