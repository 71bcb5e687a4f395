package io.cutover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponsePolicyTest {

    @Test
    void acceptsRedirectToAbsoluteHttpLocation() {
        assertThat(ResponsePolicy.TRACKING.classify(302, "https://www.example.com/?awc=1"))
                .isNull();
        assertThat(ResponsePolicy.TRACKING.classify(301, "HTTP://www.example.com/"))
                .isNull();
        assertThat(ResponsePolicy.TRACKING.classify(200, null)).isNull();
    }

    @Test
    void refusesRedirectWithoutSafeLocation() {
        assertThat(ResponsePolicy.TRACKING.classify(302, null)).isEqualTo(BackendFailure.BAD_RESPONSE);
        assertThat(ResponsePolicy.TRACKING.classify(302, "/relative")).isEqualTo(BackendFailure.BAD_RESPONSE);
        assertThat(ResponsePolicy.TRACKING.classify(302, "javascript:alert(1)")).isEqualTo(BackendFailure.BAD_RESPONSE);
        assertThat(ResponsePolicy.TRACKING.classify(302, "https://a.example/\r\nSet-Cookie: x=1"))
                .isEqualTo(BackendFailure.BAD_RESPONSE);
        assertThat(ResponsePolicy.TRACKING.classify(302, "https://")).isEqualTo(BackendFailure.BAD_RESPONSE);
    }

    @Test
    void treatsClientAndServerErrorsAsFailuresForTrackedRequests() {
        assertThat(ResponsePolicy.TRACKING.classify(404, null)).isEqualTo(BackendFailure.BAD_STATUS);
        assertThat(ResponsePolicy.TRACKING.classify(503, null)).isEqualTo(BackendFailure.BAD_STATUS);
        assertThat(ResponsePolicy.TRACKING.classify(101, null)).isEqualTo(BackendFailure.BAD_RESPONSE);
    }

    @Test
    void relaysAnyCompleteAnswerForPassThrough() {
        assertThat(ResponsePolicy.RELAY.classify(404, null)).isNull();
        assertThat(ResponsePolicy.RELAY.classify(503, null)).isNull();
        assertThat(ResponsePolicy.RELAY.classify(302, "/relative")).isNull();
    }
}
