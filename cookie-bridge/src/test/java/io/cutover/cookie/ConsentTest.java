package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final OptionalInt ANY_VENDOR = OptionalInt.empty();

    @Test
    void consZeroRefuses() {
        assertThat(Consent.of("0", null, null, ANY_VENDOR).refused()).isTrue();
        assertThat(Consent.of("0", "0", TcfStrings.core(true), ANY_VENDOR).refused())
                .isTrue();
    }

    @Test
    void consOneOrNoSignalGives() {
        assertThat(Consent.of("1", null, null, ANY_VENDOR)).isEqualTo(Consent.GIVEN);
        assertThat(Consent.of(null, null, null, ANY_VENDOR)).isEqualTo(Consent.GIVEN);
        assertThat(Consent.of(null, "0", null, ANY_VENDOR)).isEqualTo(Consent.GIVEN);
    }

    @Test
    void aTcfStringWithoutPurposeOneRefuses() {
        assertThat(Consent.of(null, "1", TcfStrings.core(false), ANY_VENDOR).refused())
                .isTrue();
        assertThat(Consent.of(null, null, TcfStrings.core(false), ANY_VENDOR).refused())
                .isTrue();
        assertThat(Consent.of(null, "1", TcfStrings.core(true), ANY_VENDOR)).isEqualTo(Consent.GIVEN);
    }

    @Test
    void aTcfStringWithPublisherSegmentsIsReadByItsCoreSegment() {
        assertThat(Consent.of(null, "1", TcfStrings.core(true) + ".YAAAAAAAAAAA", ANY_VENDOR))
                .isEqualTo(Consent.GIVEN);
    }

    @Test
    void aRequiredVendorMustHaveConsentInABitfieldOrARange() {
        OptionalInt vendor = OptionalInt.of(907);
        assertThat(TcfConsent.read(TcfStrings.core(true, 12, 907), vendor)).isEqualTo(TcfConsent.Verdict.CONSENTED);
        assertThat(TcfConsent.read(TcfStrings.core(true, 12, 906), vendor)).isEqualTo(TcfConsent.Verdict.REFUSED);
        assertThat(TcfConsent.read(TcfStrings.ranged(900, 910), vendor)).isEqualTo(TcfConsent.Verdict.CONSENTED);
        assertThat(TcfConsent.read(TcfStrings.ranged(1, 10), vendor)).isEqualTo(TcfConsent.Verdict.REFUSED);
    }

    @Test
    void gdprWithoutAConsentStringRefuses() {
        assertThat(Consent.of(null, "1", null, ANY_VENDOR).refused()).isTrue();
        assertThat(Consent.of(null, "1", "", ANY_VENDOR).refused()).isTrue();
    }

    @Test
    void anUnreadableStringRefusesAndSaysSo() {
        for (String s : new String[] {"not base64!", "AAAA", "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA"}) {
            Consent consent = Consent.of(null, "1", s, ANY_VENDOR);
            assertThat(consent.refused()).as(s).isTrue();
            assertThat(consent.unreadable()).as(s).isTrue();
        }
    }

    @Test
    void readsTheSignalsFromARawQueryAsLinksWriteThem() {
        assertThat(Consent.ofQuery("b=1&u=2&m=3&cons=0", ANY_VENDOR).refused()).isTrue();
        assertThat(Consent.ofQuery("b=1&amp;CONS=0", ANY_VENDOR).refused()).isTrue();
        assertThat(Consent.ofQuery("cons=1&cons=0", ANY_VENDOR).refused()).isFalse();
        assertThat(Consent.ofQuery("gdpr=1&gdpr_consent=" + TcfStrings.core(false), ANY_VENDOR)
                        .refused())
                .isTrue();
        assertThat(Consent.ofQuery("gdpr=1&gdpr_consent=" + TcfStrings.core(true), ANY_VENDOR))
                .isEqualTo(Consent.GIVEN);
        assertThat(Consent.ofQuery("gdpr=%31&gdpr_consent=%", ANY_VENDOR).unreadable())
                .isTrue();
        assertThat(Consent.ofQuery("", ANY_VENDOR)).isEqualTo(Consent.GIVEN);
        assertThat(Consent.ofQuery("urllink=x%3Fcons%3D0", ANY_VENDOR)).isEqualTo(Consent.GIVEN);
    }
}
