package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhaseTest {

    @Test
    void parsesTheThreeSpellingsAndNothingElse() {
        assertThat(Phase.parse("legacy-only")).contains(Phase.LEGACY_ONLY);
        assertThat(Phase.parse("dual")).contains(Phase.DUAL);
        assertThat(Phase.parse("primary-only")).contains(Phase.PRIMARY_ONLY);
        assertThat(Phase.parse("DUAL")).isEmpty();
        assertThat(Phase.parse(null)).isEmpty();
        assertThat(Phase.DUAL.toString()).isEqualTo("dual");
    }

    @Test
    void eachPhaseWritesItsFormats() {
        assertThat(Phase.LEGACY_ONLY.writesAwinCookies()).isFalse();
        assertThat(Phase.LEGACY_ONLY.writesLegacyCookies()).isTrue();
        assertThat(Phase.DUAL.writesAwinCookies()).isTrue();
        assertThat(Phase.DUAL.writesLegacyCookies()).isTrue();
        assertThat(Phase.PRIMARY_ONLY.writesAwinCookies()).isTrue();
        assertThat(Phase.PRIMARY_ONLY.writesLegacyCookies()).isFalse();
        assertThat(Phase.PRIMARY_ONLY.landingCarriesSscid()).isFalse();
        assertThat(Phase.DUAL.landingCarriesSscid()).isTrue();
    }
}
