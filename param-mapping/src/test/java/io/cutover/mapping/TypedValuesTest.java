package io.cutover.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypedValuesTest {

    @Test
    void readsDecimalsWithADotOnly() {
        assertThat(TypedValues.decimal("12.50")).isEqualTo("12.50");
        assertThat(TypedValues.decimal("-.25")).isEqualTo("-0.25");
        assertThat(TypedValues.decimal("7.")).isEqualTo("7");
        assertThat(TypedValues.decimal("1,234.00")).isNull();
        assertThat(TypedValues.decimal("1.2.3")).isNull();
        assertThat(TypedValues.decimal("-")).isNull();
        assertThat(TypedValues.decimal("1e3")).isNull();
    }

    @Test
    void readsWholeNumbersWithoutLeadingZeros() {
        assertThat(TypedValues.integer("0042")).isEqualTo("42");
        assertThat(TypedValues.integer("0")).isEqualTo("0");
        assertThat(TypedValues.integer("-1")).isNull();
        assertThat(TypedValues.integer("9".repeat(25))).isNull();
    }

    @Test
    void knowsIso4217Codes() {
        assertThat(TypedValues.currency("usd")).isEqualTo("USD");
        assertThat(TypedValues.currency("GBP")).isEqualTo("GBP");
        assertThat(TypedValues.currency("ABC")).isNull();
        assertThat(TypedValues.currency("US")).isNull();
        assertThat(TypedValues.currency("U$D")).isNull();
    }

    @Test
    void recognisesAwinsClickReferenceShape() {
        assertThat(TypedValues.isAwc("9334_1516099141_ee2e276e0114582ab5516d0d1e36bbf3"))
                .isTrue();
        assertThat(TypedValues.isAwc("41k7_n2lff")).isFalse();
        assertThat(TypedValues.isAwc("1_2_")).isFalse();
        assertThat(TypedValues.isAwc("_2_ab")).isFalse();
        assertThat(TypedValues.isAwc("1_2_xyz")).isFalse();
    }
}
