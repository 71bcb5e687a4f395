package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationHeaderTest {

    @Test
    void leavesPlainAsciiUrlsAlone() {
        assertThat(LocationHeader.of("https://shop.example/p?a=1&b=%20#top"))
                .hasValue("https://shop.example/p?a=1&b=%20#top");
    }

    @Test
    void percentEncodesSpacesAndNonAsciiAsUtf8() {
        assertThat(LocationHeader.of("https://shop.example/café bar/\uD83D\uDE00"))
                .hasValue("https://shop.example/caf%C3%A9%20bar/%F0%9F%98%80");
    }

    @Test
    void refusesControlCharacters() {
        assertThat(LocationHeader.of("https://shop.example/\r\nSet-Cookie: x=1"))
                .isEmpty();
        assertThat(LocationHeader.of("https://shop.example/\u0000")).isEmpty();
        assertThat(LocationHeader.of("https://shop.example/\u0085")).isEmpty();
    }
}
