package io.cutover.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestContextTest {

    @Test
    void findsACookieByPrefixAndIdAmongOthers() {
        RequestContext context = RequestContext.of("aw1=x; aw15532 = v1 ;aw155320=v2;aw15532=v3");

        assertThat(context.cookie("aw", "15532")).isEqualTo("v1");
        assertThat(context.cookie("aw", "155320")).isEqualTo("v2");
        assertThat(context.cookie("aw", "1553")).isNull();
    }

    @Test
    void removesQuotesAndAnswersNullWithoutCookies() {
        assertThat(RequestContext.of("aw7=\"a_b\"").cookie("aw", "7")).isEqualTo("a_b");
        assertThat(RequestContext.of(null).cookie("aw", "7")).isNull();
        assertThat(RequestContext.of("")).isSameAs(RequestContext.NONE);
        assertThat(RequestContext.of("aw7").cookie("aw", "7")).isNull();
    }
}
