package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LandingUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://shop.example/                | https://shop.example/?awc=X",
                "https://shop.example                 | https://shop.example?awc=X",
                "https://shop.example/p?a=1           | https://shop.example/p?a=1&awc=X",
                "https://shop.example/p?a=1&          | https://shop.example/p?a=1&awc=X",
                "https://shop.example/p?a=1&&         | https://shop.example/p?a=1&awc=X",
                "https://shop.example/p?              | https://shop.example/p?awc=X",
                "https://shop.example/p#top           | https://shop.example/p?awc=X#top",
                "https://shop.example/p?a=1#top       | https://shop.example/p?a=1&awc=X#top",
                "https://shop.example/p?a=1&#top      | https://shop.example/p?a=1&awc=X#top",
                "https://shop.example/p#/route?x=1    | https://shop.example/p?awc=X#/route?x=1",
                "https://shop.example/p?#             | https://shop.example/p?awc=X#",
            })
    void appendsAfterTheQueryAndBeforeTheFragment(String url, String expected) {
        assertThat(LandingUrl.appendParameter(url, "awc", "X")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://shop.example/                     | https://shop.example/?sscid=X",
                "https://shop.example/p?a=1                | https://shop.example/p?sscid=X&a=1",
                "https://shop.example/p?a=1&               | https://shop.example/p?sscid=X&a=1&",
                "https://shop.example/p?&a=1               | https://shop.example/p?sscid=X&a=1",
                "https://shop.example/p?utm_source=s#deals | https://shop.example/p?sscid=X&utm_source=s#deals",
                "https://shop.example/p#top                | https://shop.example/p?sscid=X#top",
            })
    void prependsAtTheStartOfTheQueryAndBeforeTheFragment(String url, String expected) {
        assertThat(LandingUrl.prependParameter(url, "sscid", "X")).isEqualTo(expected);
    }

    @Test
    void percentEncodesNameAndValue() {
        assertThat(LandingUrl.appendParameter("https://shop.example/", "a b", "1&2=3#é~"))
                .isEqualTo("https://shop.example/?a%20b=1%262%3D3%23%C3%A9~");
    }
}
