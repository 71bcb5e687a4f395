package io.cutover.cookie;

import java.util.Base64;
import java.util.OptionalInt;

/**
 * Reads what Cutover needs from an IAB TCF v2 consent string ({@code gdpr_consent}, platforms.md
 * §3.2, A7): whether the shopper consented to purpose 1, "store and/or access information on a
 * device", without which no tracking cookie may be written, and optionally whether a given vendor
 * has consent. Only the core segment (before the first {@code .}) is read, by the bit offsets of
 * the TCF v2 specification; the string itself is never changed, Awin gets it as sent.
 */
public final class TcfConsent {

    private static final int VERSION_BITS = 6;
    /** Version 6, Created 36, LastUpdated 36, CmpId 12, CmpVersion 12, ConsentScreen 6, ConsentLanguage 12,
     * VendorListVersion 12, TcfPolicyVersion 6, IsServiceSpecific 1, UseNonStandardTexts 1, SpecialFeatureOptIns 12. */
    private static final int PURPOSES_CONSENT = 152;
    /** PurposesConsent 24, PurposesLITransparency 24, PurposeOneTreatment 1, PublisherCC 12. */
    private static final int MAX_VENDOR_ID = 213;

    private static final int MAX_LENGTH = 8192;

    /** What a string says. */
    public enum Verdict {
        /** Purpose 1 (and the vendor, when asked) consented. */
        CONSENTED,
        /** Purpose 1 or the vendor refused. */
        REFUSED,
        /** Not a TCF v2 string Cutover can read: treated as a refusal, and counted. */
        UNREADABLE
    }

    private TcfConsent() {}

    /**
     * The verdict of {@code tcString} for storing cookies.
     *
     * @param vendorId the vendor whose consent is also required, or empty to check purpose 1 only
     */
    public static Verdict read(String tcString, OptionalInt vendorId) {
        if (tcString == null || tcString.isEmpty() || tcString.length() > MAX_LENGTH) {
            return Verdict.UNREADABLE;
        }
        int dot = tcString.indexOf('.');
        String core = dot < 0 ? tcString : tcString.substring(0, dot);
        byte[] bits;
        try {
            bits = Base64.getUrlDecoder().decode(stripPadding(core));
        } catch (IllegalArgumentException e) {
            return Verdict.UNREADABLE;
        }
        int length = bits.length * 8;
        if (length < MAX_VENDOR_ID + 17 || value(bits, 0, VERSION_BITS) != 2) {
            return Verdict.UNREADABLE;
        }
        if (!bit(bits, PURPOSES_CONSENT)) {
            return Verdict.REFUSED;
        }
        if (vendorId.isEmpty()) {
            return Verdict.CONSENTED;
        }
        return vendorConsented(bits, length, vendorId.getAsInt());
    }

    private static Verdict vendorConsented(byte[] bits, int length, int vendor) {
        int maxVendor = value(bits, MAX_VENDOR_ID, 16);
        boolean ranges = bit(bits, MAX_VENDOR_ID + 16);
        int pos = MAX_VENDOR_ID + 17;
        if (!ranges) {
            if (pos + maxVendor > length) {
                return Verdict.UNREADABLE;
            }
            return vendor >= 1 && vendor <= maxVendor && bit(bits, pos + vendor - 1)
                    ? Verdict.CONSENTED
                    : Verdict.REFUSED;
        }
        if (pos + 12 > length) {
            return Verdict.UNREADABLE;
        }
        int entries = value(bits, pos, 12);
        pos += 12;
        for (int i = 0; i < entries; i++) {
            if (pos + 17 > length) {
                return Verdict.UNREADABLE;
            }
            boolean range = bit(bits, pos);
            int start = value(bits, pos + 1, 16);
            pos += 17;
            int end = start;
            if (range) {
                if (pos + 16 > length) {
                    return Verdict.UNREADABLE;
                }
                end = value(bits, pos, 16);
                pos += 16;
            }
            if (vendor >= start && vendor <= end) {
                return Verdict.CONSENTED;
            }
        }
        return Verdict.REFUSED;
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean bit(byte[] bits, int index) {
        return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    private static int value(byte[] bits, int from, int count) {
        int v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 1) | (bit(bits, from + i) ? 1 : 0);
        }
        return v;
    }
}
