package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The simulators' query decoder on any text. */
class QueryStringFuzzTest {

    @FuzzTest
    void neverThrowsOnAnyQuery(FuzzedDataProvider data) {
        String rawQuery = data.consumeRemainingAsString();
        QueryString.decodeForm(rawQuery);
        QueryString.decode(rawQuery, false);
    }

    @FuzzTest
    void decodingUnescapedTextChangesNothing(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        String plain = text.replace("%", "").replace("+", "");

        assertThat(QueryString.decode(plain, true)).isEqualTo(plain);
    }
}
