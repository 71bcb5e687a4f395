package io.cutover.loadtest.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.directory.FileDirectory;
import io.cutover.proxy.testing.NettyLeaks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production-scale directory from the file store: Cutover becomes ready with all of it
 * preloaded. The figures (time to ready, retained heap) are printed for the record and are not
 * asserted: this machine's load decides wall times, not the code.
 */
@ExtendWith(NettyLeaks.class)
class ScaleMeasurementTest {

    @TempDir
    Path dir;

    @Test
    void becomesReadyWithTheWholeProductionScaleDirectoryPreloaded() throws Exception {
        ScaleMeasurement measured = ScaleMeasurement.run(dir, 10_000, 250_000);
        System.out.println(measured.report());

        assertThat(measured.readyBody())
                .contains("\"status\":\"UP\"")
                .contains("10000 merchants and 250000 affiliates preloaded");
        // 250,000 affiliates in two flat long arrays and 10,000 merchants: far below a boxed map.
        assertThat(measured.retainedBytes()).isBetween(1L << 20, 64L << 20);

        FileDirectory generated = FileDirectory.load(dir.resolve("directory.yaml"));
        assertThat(generated.publisher(Long.toString(GeneratedDirectory.FIRST_AFFILIATE + 249_999)))
                .hasValue(Long.toString(9_000_000 + 249_999));
        assertThat(generated.merchant(Long.toString(GeneratedDirectory.FIRST_MERCHANT + 9_999)))
                .isPresent();
    }
}
