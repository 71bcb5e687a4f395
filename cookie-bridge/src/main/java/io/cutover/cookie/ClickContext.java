package io.cutover.cookie;

import java.util.Objects;

/**
 * What the bridge needs to know about one tracked request to write its answer's cookies and
 * landing.
 *
 * @param host the {@code Host} the browser asked (the legacy tracking host)
 * @param secure whether the browser asked over HTTPS
 * @param phase the merchant's phase (the config default for an unknown merchant)
 * @param consent the shopper's consent, from the link's parameters
 * @param merchantId the legacy merchant ID, or null when the request named none
 */
public record ClickContext(String host, boolean secure, Phase phase, Consent consent, String merchantId) {

    public ClickContext {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(consent, "consent");
    }
}
