package io.cutover.ops.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void isReadyWhenEveryCheckIsUp() {
        Health health = Health.builder()
                .check("listener", () -> CheckResult.up("bound :8080"))
                .check("mapping", () -> CheckResult.up("3 tables"))
                .build();

        assertThat(health.ready()).isTrue();
        assertThat(health.check().httpStatus()).isEqualTo(200);
        assertThat(health.check().toJson())
                .isEqualTo("{\"status\":\"UP\",\"checks\":{"
                        + "\"listener\":{\"up\":true,\"detail\":\"bound :8080\"},"
                        + "\"mapping\":{\"up\":true,\"detail\":\"3 tables\"}}}");
    }

    @Test
    void isNotReadyWhenAnyCheckIsDown() {
        Health health = Health.builder()
                .check("listener", () -> CheckResult.up("bound :8080"))
                .check("directory", () -> CheckResult.down("not loaded"))
                .build();

        HealthReport report = health.check();

        assertThat(report.ready()).isFalse();
        assertThat(report.httpStatus()).isEqualTo(503);
        assertThat(health.ready()).isFalse();
        assertThat(report.toJson())
                .startsWith("{\"status\":\"DOWN\",")
                .contains("\"directory\":{\"up\":false,\"detail\":\"not loaded\"}");
    }

    @Test
    void followsTheStateItReads() {
        AtomicBoolean bound = new AtomicBoolean();
        Health health = Health.builder()
                .check("listener", ReadinessCheck.of(bound::get, "bound", "not bound"))
                .build();

        assertThat(health.check().checks().get("listener")).isEqualTo(CheckResult.down("not bound"));
        bound.set(true);
        assertThat(health.check().checks().get("listener")).isEqualTo(CheckResult.up("bound"));
    }

    @Test
    void countsAThrowingCheckAsDownWithoutFailingTheReport() {
        Health health = Health.builder()
                .check("breaker", () -> {
                    throw new IllegalStateException("registry \"gone\"");
                })
                .check("empty", () -> null)
                .build();

        HealthReport report = health.check();

        assertThat(report.ready()).isFalse();
        assertThat(report.checks().get("breaker"))
                .isEqualTo(CheckResult.down("IllegalStateException: registry \"gone\""));
        assertThat(report.checks().get("empty")).isEqualTo(CheckResult.down("check returned no result"));
        assertThat(report.toJson()).contains("\"detail\":\"IllegalStateException: registry \\\"gone\\\"\"");
    }

    @Test
    void keepsRegistrationOrderInTheReport() {
        Health health = Health.builder()
                .check("zeta", () -> CheckResult.up(""))
                .check("alpha", () -> CheckResult.up(""))
                .check("mid", () -> CheckResult.up(""))
                .build();

        assertThat(health.check().checks().keySet()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void isReadyWithNoChecks() {
        assertThat(Health.builder().build().check().toJson()).isEqualTo("{\"status\":\"UP\",\"checks\":{}}");
    }

    @Test
    void rejectsDuplicateAndBlankNames() {
        Health.Builder builder = Health.builder().check("listener", () -> CheckResult.up(""));

        assertThatThrownBy(() -> builder.check("listener", () -> CheckResult.up("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: 'listener' (expected: unique, registered twice)");
        assertThatThrownBy(() -> builder.check("", () -> CheckResult.up("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: '' (expected: not blank)");
    }

    @Test
    void livenessIsAConstantUp() {
        assertThat(Health.LIVE_JSON).isEqualTo("{\"status\":\"UP\"}");
        assertThat(Health.CONTENT_TYPE).isEqualTo("application/json; charset=utf-8");
    }
}
