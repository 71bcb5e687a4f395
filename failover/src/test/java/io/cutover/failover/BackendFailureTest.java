package io.cutover.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BackendFailureTest {

    @Test
    void unreachedAreTheFailuresWhereTheRequestNeverGotToTheBackend() {
        assertThat(Arrays.stream(BackendFailure.values()).filter(BackendFailure::unreached))
                .containsExactlyInAnyOrder(
                        BackendFailure.CONNECT,
                        BackendFailure.CONNECTION_LIMIT,
                        BackendFailure.WRITE,
                        BackendFailure.DEADLINE,
                        BackendFailure.BREAKER_OPEN,
                        BackendFailure.BULKHEAD_FULL);
    }

    @Test
    void aFailureThatMayHaveBeenCountedReachedTheBackend() {
        for (BackendFailure failure : BackendFailure.values()) {
            if (failure.mayHaveCounted()) {
                assertThat(failure.unreached()).as(failure.name()).isFalse();
            }
        }
    }
}
