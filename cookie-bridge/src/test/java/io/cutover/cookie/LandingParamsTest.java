package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LandingParamsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://m.example/                 | https://m.example/?sscid=1_2_ab",
                "https://m.example/p?               | https://m.example/p?sscid=1_2_ab",
                "https://m.example/p?a=1            | https://m.example/p?a=1&sscid=1_2_ab",
                "https://m.example/p?a=1&           | https://m.example/p?a=1&sscid=1_2_ab",
                "https://m.example/p?a=1#top        | https://m.example/p?a=1&sscid=1_2_ab#top",
                "https://m.example/p#top?x=1        | https://m.example/p?sscid=1_2_ab#top?x=1",
                "https://m.example/p?a=%26b&c=d+e#f | https://m.example/p?a=%26b&c=d+e&sscid=1_2_ab#f",
                "https://m.example/p?sscid=old      | https://m.example/p?sscid=old",
                "https://m.example/p?sscid          | https://m.example/p?sscid",
                "https://m.example/p?xsscid=1       | https://m.example/p?xsscid=1&sscid=1_2_ab",
            })
    void addsTheParameterWithoutBreakingTheQueryOrTheFragment(String url, String expected) {
        assertThat(LandingParams.with(url, "sscid", "1_2_ab")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://m.example/p?id=7&awc=15532_1_ab      | 15532_1_ab",
                "https://m.example/p?awc=15532_1_ab&id=7#awc=x | 15532_1_ab",
                "https://m.example/p?xawc=1&awc=2             | 2",
                "https://m.example/p#awc=15532_1_ab           | ",
                "https://m.example/p?awc=a%0db                | ",
                "https://m.example/p?awc=                     | ",
            })
    void readsAClickReferenceFromTheQueryOnly(String url, String expected) {
        assertThat(LandingParams.value(url, "awc")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nb", "a&b", "a#b", ""})
    void neverAddsAValueThatIsNotAClickReference(String value) {
        assertThat(LandingParams.with("https://m.example/", "sscid", value)).isEqualTo("https://m.example/");
    }
}
