package io.cutover.mapping.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values shown in messages (logs and 400 bodies): bounded, one line, no markup. */
class QuotedTest {

    @Test
    void quotesAndBoundsAValue() {
        assertThat(Quoted.of("abc")).isEqualTo("'abc'");
        assertThat(Quoted.of("x".repeat(Quoted.MAX + 1))).isEqualTo("'" + "x".repeat(Quoted.MAX) + "…'");
        assertThat(Quoted.of("abcdef", 3)).isEqualTo("'abc…'");
    }

    @Test
    void showsControlCharactersNonAsciiAndMarkupAsQuestionMarks() {
        assertThat(Quoted.shown("a\r\nb\t<i>\"\\é\u007f", 100)).isEqualTo("a??b??i?????");
        assertThat(Quoted.shown("evil.com", 4)).isEqualTo("evil…");
        assertThat(Quoted.shown("", 4)).isEmpty();
    }
}
