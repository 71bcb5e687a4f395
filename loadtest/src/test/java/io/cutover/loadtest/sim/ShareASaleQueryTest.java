package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShareASaleQueryTest {

    @Test
    void treatsHtmlEscapedSeparatorsAsAmpersands() {
        LegacyQuery query = LegacyQuery.of("b=1&amp;u=2&#38;m=3&AMP;urllink=x");

        assertThat(query.decoded("u")).isEqualTo("2");
        assertThat(query.decoded("m")).isEqualTo("3");
        assertThat(query.raw("urllink")).isEqualTo("x");
    }

    @Test
    void matchesNamesInAnyCase() {
        LegacyQuery query = LegacyQuery.of("MerchantID=41388&USERID=7");

        assertThat(query.decoded("merchantID")).isEqualTo("41388");
        assertThat(query.decoded("userID")).isEqualTo("7");
    }

    @Test
    void takesTheFirstNonEmptyValueOfARepeatedName() {
        LegacyQuery query = LegacyQuery.of("urllink=&urllink=shop.example%2Fa&urllink=shop.example%2Fb");

        assertThat(query.raw("urllink")).isEqualTo("shop.example%2Fa");
    }

    @Test
    void answersNullForAMissingOrEmptyName() {
        assertThat(LegacyQuery.of("m=&u=2").decoded("m")).isNull();
        assertThat(LegacyQuery.of("u=2").decoded("m")).isNull();
    }
}
