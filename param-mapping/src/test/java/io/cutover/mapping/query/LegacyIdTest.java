package io.cutover.mapping.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LegacyIdTest {

    @Test
    void stripsLeadingZerosAndSurroundingWhitespace() {
        assertThat(LegacyId.normalise("02")).isEqualTo("2");
        assertThat(LegacyId.normalise("000")).isEqualTo("0");
        assertThat(LegacyId.normalise("%20873588+")).isEqualTo("873588");
        assertThat(LegacyId.normalise("%C2%A041388%09")).isEqualTo("41388");
    }

    @Test
    void acceptsOnlyAsciiDigits() {
        assertThat(LegacyId.normalise("abc")).isNull();
        assertThat(LegacyId.normalise("12a")).isNull();
        assertThat(LegacyId.normalise("-5")).isNull();
        assertThat(LegacyId.normalise("1 2")).isNull();
        assertThat(LegacyId.normalise("\u0661\u0662")).isNull();
    }

    @Test
    void tellsMissingFromMalformed() {
        assertThat(LegacyId.normalise("")).isNull();
        assertThat(LegacyId.isBlank("+%20")).isTrue();
        assertThat(LegacyId.isBlank("x")).isFalse();
        assertThat(LegacyId.expectation("abc")).isEqualTo("a number");
        assertThat(LegacyId.expectation("1234567890123456789")).isEqualTo("a number of at most 18 digits");
    }

    @Test
    void refusesIdsLongerThan18Digits() {
        assertThat(LegacyId.normalise("123456789012345678")).isEqualTo("123456789012345678");
        assertThat(LegacyId.normalise("1234567890123456789")).isNull();
        assertThat(LegacyId.normalise("0000123")).isEqualTo("123");
    }
}
