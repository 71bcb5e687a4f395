package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.SplittableRandom;

/** The simulators' click IDs keep their platforms' shapes for every random seed. */
class ClickIdsFuzzTest {

    @FuzzTest
    void mintsAwcInAwinsShape(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        String awc = new ClickIds(new SplittableRandom(seed)).awc("9334", 1_516_099_141L);

        assertThat(awc).matches("9334_1516099141_[0-9a-f]{32}");
    }

    @FuzzTest
    void mintsSscidInTheLegacyShape(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        String sscid = new ClickIds(new SplittableRandom(seed)).sscid();

        assertThat(sscid).matches("[0-9a-z]{2}k[0-9]_[0-9a-z]{4,7}");
    }

    @FuzzTest
    void mintsTheSameIdsFromTheSameSeed(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        ClickIds first = new ClickIds(new SplittableRandom(seed));
        ClickIds second = new ClickIds(new SplittableRandom(seed));

        assertThat(first.sscid()).isEqualTo(second.sscid());
        assertThat(first.awc("1", 2)).isEqualTo(second.awc("1", 2));
    }
}
