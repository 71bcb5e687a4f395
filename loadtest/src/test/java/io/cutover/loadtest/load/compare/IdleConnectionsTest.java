package io.cutover.loadtest.load.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {

    @Test
    void holdsEveryConnectionOpenAndReadsCutoversMemoryWithThem() throws Exception {
        assumeTrue(Comparison.nginx() != null, "nginx is not installed (apt-get install nginx)");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        IdleConnections.Outcome outcome =
                IdleConnections.run(300, 500, List.of("-Xmx128m"), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(outcome.held()).isEqualTo(300);
        assertThat(outcome.rssBeforeKib()).isPositive();
        assertThat(outcome.rssAfterKib()).isPositive();
        assertThat(outcome.describe()).contains("300 idle keep-alive client connections held (of 300 opened)");
    }
}
