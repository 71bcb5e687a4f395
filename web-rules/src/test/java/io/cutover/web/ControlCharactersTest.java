package io.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void urlsMayHoldNoControlCharacterAtAll() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(ControlCharacters.inUrl("a" + c + "b"))
                    .as("U+%04X", (int) c)
                    .isTrue();
        }
        assertThat(ControlCharacters.inUrl("a\u007fb")).isTrue();
        assertThat(ControlCharacters.inUrl("https://example.com/ é")).isFalse();
    }

    @Test
    void fieldValuesMayHoldHorizontalTabsOnly() {
        assertThat(ControlCharacters.inFieldValue("a\tb")).isFalse();
        assertThat(ControlCharacters.inFieldValue("a\rb")).isTrue();
        assertThat(ControlCharacters.inFieldValue("a\nb")).isTrue();
        assertThat(ControlCharacters.inFieldValue("a\u0000b")).isTrue();
        assertThat(ControlCharacters.inFieldValue("a\u007fb")).isTrue();
        assertThat(ControlCharacters.inFieldValue("xa\rb", 0, 2)).isFalse();
    }
}
