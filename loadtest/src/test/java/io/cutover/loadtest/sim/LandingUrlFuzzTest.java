package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The simulators' landing URL merge on generated landings. */
class LandingUrlFuzzTest {

    @FuzzTest
    void appendKeepsTheFragmentLastAndAddsExactlyThePair(FuzzedDataProvider data) {
        String url = landing(data);
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

    @FuzzTest
    void prependPutsThePairFirstAndKeepsTheRest(FuzzedDataProvider data) {
        String url = landing(data);
        String merged = LandingUrl.prependParameter(url, "sscid", "ab1k2_xyz9");

        int question = merged.indexOf('?');
        assertThat(merged.substring(question + 1)).startsWith("sscid=ab1k2_xyz9");
        assertThat(merged.substring(0, question)).isEqualTo(url.split("[?#]", -1)[0]);
        int hash = url.indexOf('#');
        assertThat(merged).endsWith(hash < 0 ? "" : url.substring(hash));
    }

    /** {@code https://shop.example/} with a path, maybe a query, maybe a fragment, from small alphabets. */
    private static String landing(FuzzedDataProvider data) {
        String path = text(data, "abc/.-_%20", 12);
        boolean hasQuery = data.consumeBoolean();
        String query = text(data, "ab=&+%2F", 12);
        boolean hasFragment = data.consumeBoolean();
        String fragment = text(data, "ab/?=&#", 8);
        return "https://shop.example/" + path + (hasQuery ? "?" + query : "") + (hasFragment ? "#" + fragment : "");
    }

    private static String text(FuzzedDataProvider data, String alphabet, int max) {
        int n = data.consumeInt(0, max);
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return out.toString();
    }
}
