package io.cutover.mapping.landing;

import io.cutover.mapping.directory.Merchant;
import io.cutover.web.ControlCharacters;

/**
 * The safe-redirect contract: a deep link is used only if, after decoding, it has no control
 * characters, is http(s), and its host (as a browser resolves it) is on the merchant's allowed
 * domains; otherwise the shopper goes to the merchant's default landing page. Cutover is never an
 * open redirect, and no CR/LF ever reaches a {@code Location} header.
 */
public final class LandingCheck {

    private LandingCheck() {}

    /**
     * Decides the landing for a raw (still encoded) deep-link value.
     *
     * @param raw the raw value; empty or blank means "the merchant's default landing"
     * @param merchant the merchant the click is for
     */
    public static LandingDecision decide(String raw, Merchant merchant) {
        String trimmed = trim(raw);
        if (trimmed.isEmpty()) {
            return new LandingDecision(LandingVerdict.EMPTY, merchant.defaultLanding(), "", 0, null);
        }
        LandingDecoder.Decoded decoded = LandingDecoder.decode(trimmed);
        if (ControlCharacters.inUrl(decoded.value())) {
            return new LandingDecision(
                    LandingVerdict.CONTROL_CHARACTERS,
                    merchant.defaultLanding(),
                    decoded.value(),
                    decoded.passes(),
                    null);
        }
        String value = trim(decoded.value());
        if (value.isEmpty()) {
            return new LandingDecision(LandingVerdict.EMPTY, merchant.defaultLanding(), "", decoded.passes(), null);
        }
        LandingUrl url = LandingUrl.parse(value);
        LandingVerdict verdict = url.verdict();
        if (verdict == LandingVerdict.SAFE && !merchant.allows(url.host())) {
            verdict = LandingVerdict.DOMAIN_NOT_ALLOWED;
        }
        String landing = verdict == LandingVerdict.SAFE ? url.canonical() : merchant.defaultLanding();
        return new LandingDecision(verdict, landing, value, decoded.passes(), url);
    }

    /** Spaces and the no-break space HTML copies carry; control characters are judged, not trimmed. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0';
    }
}
