package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    @Property
    void appendKeepsTheFragmentLastAndAddsExactlyThePair(@ForAll("landings") String url) {
        String merged = LandingUrl.appendParameter(url, "awc", "1_2_ab");

        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String withoutFragment = merged.substring(0, merged.length() - fragment.length());
        assertThat(merged).endsWith(fragment);
        assertThat(withoutFragment)
                .endsWith("awc=1_2_ab")
                .doesNotContain("&&awc")
                .doesNotContain("?&awc");
        assertThat(withoutFragment.indexOf('#')).isNegative();
    }

    @Property
    void prependPutsThePairFirstAndKeepsTheRest(@ForAll("landings") String url) {
        String merged = LandingUrl.prependParameter(url, "sscid", "ab1k2_xyz9");

        int question = merged.indexOf('?');
        assertThat(merged.substring(question + 1)).startsWith("sscid=ab1k2_xyz9");
        assertThat(merged.substring(0, question)).isEqualTo(url.split("[?#]", -1)[0]);
        int hash = url.indexOf('#');
        assertThat(merged).endsWith(hash < 0 ? "" : url.substring(hash));
    }

    @Provide
    Arbitrary<String> landings() {
        Arbitrary<String> path = Arbitraries.strings().withChars("abc/.-_%20").ofMaxLength(12);
        Arbitrary<String> query = Arbitraries.strings().withChars("ab=&+%2F").ofMaxLength(12);
        Arbitrary<String> fragment = Arbitraries.strings().withChars("ab/?=&#").ofMaxLength(8);
        return Combinators.combine(path, query, Arbitraries.of(true, false), fragment, Arbitraries.of(true, false))
                .as((p, q, hasQuery, f, hasFragment) ->
                        "https://shop.example/" + p + (hasQuery ? "?" + q : "") + (hasFragment ? "#" + f : ""));
    }
}
