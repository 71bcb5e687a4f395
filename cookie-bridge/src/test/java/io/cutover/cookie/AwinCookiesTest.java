package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwinCookiesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aw1001",
                "aw1",
                "awpv1001",
                "_aw_m_1001",
                "_aw_j_19038",
                "_aw_sn_7",
                "awc",
                "adv_awc",
                "awin_awc",
                "awin_sn_awc",
                "awin_source"
            })
    void recognisesAwinsCookieNames(String name) {
        assertThat(AwinCookies.isAwin(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "aw",
                "awpv",
                "_aw_m_",
                "_aw_j_x",
                "_aw_sn_1a",
                "aw1001x",
                "awx1",
                "AW1001",
                "Awc",
                "awc2",
                "xawc",
                "awin",
                "source",
                "sas_m_awin",
                "sscid",
                "bm_sz",
                "_abck",
                "aw-1",
                "aw\u0661",
                "awin_awc ",
                " awc",
                "_aw_m_1001_"
            })
    void rejectsOtherNames(String name) {
        assertThat(AwinCookies.isAwin(name)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(AwinCookies.isAwin(null)).isFalse();
    }

    @Test
    void matchesARangeWithoutASubstring() {
        String header = "x=1; aw1001=abc";

        assertThat(AwinCookies.isAwin(header, 5, 11)).isTrue();
        assertThat(AwinCookies.isAwin(header, 5, 10)).isTrue();
        assertThat(AwinCookies.isAwin(header, 5, 12)).isFalse();
    }
}
