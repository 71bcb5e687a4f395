package io.cutover.cookie;

import java.util.OptionalInt;

/**
 * The shopper's consent as a tracking link carries it (platforms.md §3.2, §6.11, A7): {@code
 * cons=0} refuses, {@code cons=1} or no {@code cons} gives it; with {@code gdpr=1} the TCF string
 * in {@code gdpr_consent} decides ({@link TcfConsent}), and a missing or unreadable string counts
 * as a refusal. With a refusal Cutover writes no tracking cookie; the parameters themselves go to
 * Awin untouched (the mapping forwards them).
 *
 * @param refused whether no tracking cookie may be written
 * @param unreadable whether a TCF string was present but could not be read (counted)
 */
public record Consent(boolean refused, boolean unreadable) {

    /** Consent given, or not asked for. */
    public static final Consent GIVEN = new Consent(false, false);

    /**
     * The consent of a link's parameters, each as received (after percent-decoding), or null when
     * absent.
     *
     * @param vendorId the TCF vendor whose consent is also required, or empty for purpose 1 only
     */
    public static Consent of(String cons, String gdpr, String gdprConsent, OptionalInt vendorId) {
        if ("0".equals(cons)) {
            return new Consent(true, false);
        }
        boolean applies = "1".equals(gdpr) || (gdpr == null && gdprConsent != null && !gdprConsent.isEmpty());
        if (!applies) {
            return GIVEN;
        }
        if (gdprConsent == null || gdprConsent.isEmpty()) {
            return new Consent(true, false);
        }
        return switch (TcfConsent.read(gdprConsent, vendorId)) {
            case CONSENTED -> GIVEN;
            case REFUSED -> new Consent(true, false);
            case UNREADABLE -> new Consent(true, true);
        };
    }
}
