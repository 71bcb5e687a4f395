package io.cutover.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CookieHeaderTest {

    @Test
    void parsesNameValuePairsInOrder() {
        assertThat(CookieHeader.parse("aw1001=abc; bm_sz=XYZ; _abck=1~0"))
                .containsExactly(new Cookie("aw1001", "abc"), new Cookie("bm_sz", "XYZ"), new Cookie("_abck", "1~0"));
    }

    @Test
    void parsesLenientlySeparatedAndPaddedPieces() {
        assertThat(CookieHeader.parse(" a=1;b=2 ;; ;\tc = 3 ;"))
                .containsExactly(new Cookie("a", "1"), new Cookie("b", "2"), new Cookie("c", "3"));
    }

    @Test
    void keepsEqualsSignsInsideValues() {
        assertThat(CookieHeader.parse("sas_m_awin={\"clickId\":\"a=b\"}; tok=YWJj=="))
                .containsExactly(new Cookie("sas_m_awin", "{\"clickId\":\"a=b\"}"), new Cookie("tok", "YWJj=="));
    }

    @Test
    void keepsQuotesAsPartOfTheValue() {
        Cookie cookie = CookieHeader.parse("awc=\"9334_1516099141_ee2e\"").get(0);

        assertThat(cookie.value()).isEqualTo("\"9334_1516099141_ee2e\"");
        assertThat(cookie.unquotedValue()).isEqualTo("9334_1516099141_ee2e");
        assertThat(new Cookie("a", "\"").unquotedValue()).isEqualTo("\"");
    }

    @Test
    void readsAPieceWithoutEqualsAsANamelessCookie() {
        assertThat(CookieHeader.parse("a=1; lonely; =v"))
                .containsExactly(new Cookie("a", "1"), new Cookie("", "lonely"), new Cookie("", "v"));
    }

    @Test
    void allowsEmptyValues() {
        assertThat(CookieHeader.parse("a=; b=")).containsExactly(new Cookie("a", ""), new Cookie("b", ""));
    }

    @Test
    void dropsPiecesWithControlCharacters() {
        assertThat(CookieHeader.parse("a=1; b=2\r\nX: y; c=3\u0000; d=4"))
                .containsExactly(new Cookie("a", "1"), new Cookie("d", "4"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ";", " ; ;; "})
    void findsNoCookiesInABlankHeader(String header) {
        assertThat(CookieHeader.parse(header)).isEmpty();
        assertThat(CookieHeader.forPrimary(header)).isEmpty();
        assertThat(CookieHeader.forLegacy(header)).isEmpty();
    }

    @Test
    void splitsAwinsCookiesFromEverythingElse() {
        String header = "bm_sz=1; aw1001=a; _abck=2; _aw_m_1001=b; sas_m_awin=c; awc=d; awpv1001=e";

        assertThat(CookieHeader.forPrimary(header)).contains("aw1001=a; _aw_m_1001=b; awc=d; awpv1001=e");
        assertThat(CookieHeader.forLegacy(header)).contains("bm_sz=1; _abck=2; sas_m_awin=c");
    }

    @Test
    void sendsNoHeaderToASideWithoutCookies() {
        assertThat(CookieHeader.forPrimary("bm_sz=1; _abck=2")).isEmpty();
        assertThat(CookieHeader.forLegacy("aw1001=a; awc=b")).isEmpty();
    }

    @Test
    void returnsTheHeaderItselfWhenEveryCookieGoesToOneSide() {
        String header = "aw1001=a; awc=b";

        assertThat(CookieHeader.forPrimary(header))
                .hasValueSatisfying(v -> assertThat(v).isSameAs(header));
    }

    @Test
    void normalisesSeparatorsAndDropsEmptyPieces() {
        assertThat(CookieHeader.forPrimary(" aw1=a;awc=b ;; adv_awc=c ")).contains("aw1=a; awc=b; adv_awc=c");
        assertThat(CookieHeader.forLegacy("x=1;;y=2; ;z=3;")).contains("x=1; y=2; z=3");
        assertThat(CookieHeader.forLegacy("  x=1  ")).contains("x=1");
    }

    @Test
    void sendsMalformedPiecesToLegacyOnly() {
        String header = "aw1001=a; lonely; =v; aw=1; awx=2; aw1001x=3";

        assertThat(CookieHeader.forPrimary(header)).contains("aw1001=a");
        assertThat(CookieHeader.forLegacy(header)).contains("lonely; =v; aw=1; awx=2; aw1001x=3");
    }

    @Test
    void matchesAwinCookieNamesDespiteSpacesBeforeEquals() {
        assertThat(CookieHeader.forPrimary("aw1001 =a; x=1")).contains("aw1001 =a");
    }

    @Test
    void neverForwardsAPieceWithAControlCharacter() {
        String header = "aw1=a; awc=b\r\nX-Evil: 1; aw2=c; x=1\u0000; y=2";

        assertThat(CookieHeader.forPrimary(header)).contains("aw1=a; aw2=c");
        assertThat(CookieHeader.forLegacy(header)).contains("y=2");
    }

    @Test
    void staysLinearOnAHeaderOfManyPiecesWithoutEquals() {
        String header = "a;".repeat(200_000);

        long start = System.nanoTime();
        assertThat(CookieHeader.forPrimary(header)).isEmpty();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // A quadratic scan of this header takes minutes.
        assertThat(elapsedMillis).isLessThan(5_000);
    }
}
