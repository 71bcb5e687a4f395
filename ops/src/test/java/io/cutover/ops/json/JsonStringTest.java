package io.cutover.ops.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringTest {

    private static String json(String value) {
        return JsonString.append(new StringBuilder(), value).toString();
    }

    @Test
    void quotesPlainText() {
        assertThat(json("r.cfm")).isEqualTo("\"r.cfm\"");
    }

    @Test
    void writesNullForAMissingValue() {
        assertThat(json(null)).isEqualTo("null");
    }

    @Test
    void escapesQuotesAndBackslashes() {
        assertThat(json("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void escapesEveryControlCharacter() {
        assertThat(json("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(json("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
    }

    @Test
    void escapesJavaScriptLineSeparators() {
        assertThat(json("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    }

    @Test
    void leavesNonAsciiAsIs() {
        assertThat(json("Größe €5 — 日本 😀")).isEqualTo("\"Größe €5 — 日本 😀\"");
    }

    @Test
    void escapesLoneSurrogatesThatHaveNoUtf8Form() {
        assertThat(json("a\ud83db")).isEqualTo("\"a\\ud83db\"");
        assertThat(json("a\ude00")).isEqualTo("\"a\\ude00\"");
    }

    @Test
    void keepsSlashesAndHtmlUnescaped() {
        assertThat(json("/r.cfm?b=1&u=2</script>")).isEqualTo("\"/r.cfm?b=1&u=2</script>\"");
    }
}
