package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesPlusAsSpaceOnlyUnderFormRules() {
        assertThat(QueryString.decode("a+b%20c", true)).isEqualTo("a b c");
        assertThat(QueryString.decode("a+b%20c", false)).isEqualTo("a+b c");
    }

    @Test
    void decodesUtf8Once() {
        assertThat(QueryString.decode("caf%C3%A9%2520", false)).isEqualTo("café%20");
    }

    @Test
    void leavesBrokenEscapesAsWritten() {
        assertThat(QueryString.decode("100%", true)).isEqualTo("100%");
        assertThat(QueryString.decode("%zz%4", true)).isEqualTo("%zz%4");
        assertThat(QueryString.decode("%C3", true)).isEqualTo("\uFFFD");
    }

    @Test
    void splitsOnlyOnAmpersandAndSkipsEmptySegments() {
        assertThat(QueryString.split("b=1&&amp;u=2&flag&=v&x=a=b"))
                .containsExactly(
                        new QueryString.RawPair("b", "1"),
                        new QueryString.RawPair("amp;u", "2"),
                        new QueryString.RawPair("flag", ""),
                        new QueryString.RawPair("", "v"),
                        new QueryString.RawPair("x", "a=b"));
    }

    @Test
    void groupsRepeatedKeysInOrderOfFirstAppearance() {
        assertThat(QueryString.decodeForm("b=2&a=1&b=3"))
                .containsExactly(Map.entry("b", List.of("2", "3")), Map.entry("a", List.of("1")));
    }
}
