package io.cutover.proxy.flow;

import io.cutover.cookie.BridgedAnswer;
import io.cutover.cookie.ClickContext;
import io.cutover.cookie.Consent;
import io.cutover.cookie.CookieBridge;
import io.cutover.cookie.Phase;
import io.cutover.cookie.Platform;
import io.cutover.failover.Fate;
import io.cutover.mapping.Mapped;
import io.cutover.mapping.MappingResult;
import io.cutover.mapping.Translator;
import io.cutover.mapping.Unmapped;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts the cookie bridge to work on one exchange: the merchant's phase from the serving directory
 * (so a reload changes it), the configured default where the merchant names none or is unknown,
 * the consent in the link's own query, the host and scheme the browser used.
 */
public final class CookieAnswers {

    private final CookieBridge bridge;
    private final Phase defaultPhase;
    private final Supplier<Translator> translator;

    public CookieAnswers(CookieBridge bridge, Phase defaultPhase, Supplier<Translator> translator) {
        this.bridge = bridge;
        this.defaultPhase = defaultPhase;
        this.translator = translator;
    }

    public CookieBridge bridge() {
        return bridge;
    }

    /** The cookies and landing of a tracked answer from the backend whose fate this is. */
    public BridgedAnswer answer(Exchange exchange, Fate fate, List<String> setCookies, String location) {
        Platform platform = fate == Fate.LEGACY ? Platform.LEGACY : Platform.PRIMARY;
        return bridge.answer(platform, context(exchange), setCookies, location);
    }

    /** The cookies of an answer that is not tracked, scoped to the legacy host. */
    public List<String> passThrough(Exchange exchange, List<String> setCookies) {
        ClientHeaders headers = exchange.headers();
        return bridge.passThrough(setCookies, headers.host(), isSecure(headers));
    }

    ClickContext context(Exchange exchange) {
        String merchantId = merchantId(exchange.mapping());
        Phase phase = defaultPhase;
        if (merchantId != null) {
            phase = translator
                    .get()
                    .directory()
                    .merchant(merchantId)
                    .map(m -> m.phaseOr(defaultPhase))
                    .orElse(defaultPhase);
        }
        String uri = exchange.uri();
        int question = uri.indexOf('?');
        Consent consent = question < 0
                ? Consent.GIVEN
                : Consent.ofQuery(uri.substring(question + 1), bridge.policy().tcfVendorId());
        ClientHeaders headers = exchange.headers();
        return new ClickContext(headers.host(), isSecure(headers), phase, consent, merchantId);
    }

    private static String merchantId(MappingResult mapping) {
        if (mapping instanceof Mapped mapped) {
            return mapped.merchantId();
        }
        if (mapping instanceof Unmapped unmapped) {
            return unmapped.merchantId().orElse(null);
        }
        return null;
    }

    private static boolean isSecure(ClientHeaders headers) {
        return "https".equalsIgnoreCase(headers.forwardedProto());
    }
}
