package io.cutover.mapping.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncoderTest {

    @Test
    void leavesOnlyUnreservedCharactersAsTheyAre() {
        assertThat(PercentEncoder.encodeComponent("https://m.com/p?a=1&b=2"))
                .isEqualTo("https%3A%2F%2Fm.com%2Fp%3Fa%3D1%26b%3D2");
        assertThat(PercentEncoder.encodeComponent("aZ09-._~")).isEqualTo("aZ09-._~");
        assertThat(PercentEncoder.encodeComponent("a b+c*")).isEqualTo("a%20b%2Bc%2A");
    }

    @Test
    void encodesNonAsciiAsUtf8() {
        assertThat(PercentEncoder.encodeComponent("ö€😀")).isEqualTo("%C3%B6%E2%82%AC%F0%9F%98%80");
    }

    @Test
    void encodesALoneSurrogateAsReplacementCharacter() {
        assertThat(PercentEncoder.encodeComponent("a\uD800b")).isEqualTo("a%EF%BF%BDb");
    }

    @Test
    void escapesOnlyWhatIsIllegalInAUrl() {
        assertThat(PercentEncoder.escapeIllegal("/a b\"<>\\^`{|}#é%41%zz"))
                .isEqualTo("/a%20b%22%3C%3E%5C%5E%60%7B%7C%7D%23%C3%A9%41%25zz");
        assertThat(PercentEncoder.escapeIllegal("/p?q=a%26b&c=(1);x=[2]")).isEqualTo("/p?q=a%26b&c=(1);x=[2]");
    }
}
