package io.cutover.mapping.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentDecoderTest {

    @Test
    void keepsPlusAsPlusInUrls() {
        assertThat(PercentDecoder.decodeComponent("a+b%20c")).isEqualTo("a+b c");
    }

    @Test
    void readsPlusAsSpaceInFormValues() {
        assertThat(PercentDecoder.decodeForm("a+b%20c%2B")).isEqualTo("a b c+");
    }

    @Test
    void decodesMultiByteUtf8() {
        assertThat(PercentDecoder.decodeComponent("J%C3%B6rg%20%E2%82%AC%F0%9F%98%80"))
                .isEqualTo("Jörg €😀");
    }

    @Test
    void keepsMalformedEscapesLiterally() {
        assertThat(PercentDecoder.decodeComponent("%zz%4")).isEqualTo("%zz%4");
        assertThat(PercentDecoder.decodeComponent("100%")).isEqualTo("100%");
        assertThat(PercentDecoder.decodeComponent("%%41")).isEqualTo("%A");
    }

    @Test
    void keepsBytesThatAreNotUtf8AsTheirEscapes() {
        assertThat(PercentDecoder.decodeComponent("caf%E9")).isEqualTo("caf%E9");
        assertThat(PercentDecoder.decodeComponent("%C0%AFx")).isEqualTo("%C0%AFx");
        assertThat(PercentDecoder.decodeComponent("%ED%A0%80")).isEqualTo("%ED%A0%80");
        assertThat(PercentDecoder.decodeComponent("%E2%82")).isEqualTo("%E2%82");
        assertThat(PercentDecoder.decodeComponent("%E2%82%41")).isEqualTo("%E2%82A");
    }

    @Test
    void returnsTheSameInstanceWhenNothingIsEncoded() {
        String plain = "www.example.com/page";

        assertThat(PercentDecoder.decodeComponent(plain)).isSameAs(plain);
    }
}
