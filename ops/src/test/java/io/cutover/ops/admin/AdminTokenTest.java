package io.cutover.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminTokenTest {

    private static final String SECRET = "s3cr3t-t0ken-for-the-admin-api";

    @Test
    void authorizesOnlyTheBearerOfTheSameToken() {
        AdminToken token = AdminToken.of(SECRET);
        assertThat(token.authorizes("Bearer " + SECRET)).isTrue();
        assertThat(token.authorizes("bearer  " + SECRET + " ")).isTrue();
        assertThat(token.authorizes(null)).isFalse();
        assertThat(token.authorizes("")).isFalse();
        assertThat(token.authorizes(SECRET)).isFalse();
        assertThat(token.authorizes("Basic " + SECRET)).isFalse();
        assertThat(token.authorizes("Bearer " + SECRET.substring(1))).isFalse();
        assertThat(token.authorizes("Bearer " + SECRET + "x")).isFalse();
    }

    @Test
    void neverShowsItself() {
        AdminToken token = AdminToken.of(SECRET);
        assertThat(token.toString()).isEqualTo("[redacted]").doesNotContain(SECRET);
        assertThatThrownBy(() -> AdminToken.of("short")).hasMessageNotContaining("short");
        assertThatThrownBy(() -> AdminToken.of("has a space in it ok")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatesLongRandomTokens() {
        String a = AdminToken.generate();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(AdminToken.generate()).isNotEqualTo(a);
        assertThat(AdminToken.of(a).authorizes("Bearer " + a)).isTrue();
    }
}
