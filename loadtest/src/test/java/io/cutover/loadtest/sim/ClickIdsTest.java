package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ClickIdsTest {

    @Property
    void mintsAwcInAwinsShape(@ForAll long seed) {
        String awc = new ClickIds(new SplittableRandom(seed)).awc("9334", 1_516_099_141L);

        assertThat(awc).matches("9334_1516099141_[0-9a-f]{32}");
    }

    @Property
    void mintsSscidInTheLegacyShape(@ForAll long seed) {
        String sscid = new ClickIds(new SplittableRandom(seed)).sscid();

        assertThat(sscid).matches("[0-9a-z]{2}k[0-9]_[0-9a-z]{4,7}");
    }

    @Property
    void mintsTheSameIdsFromTheSameSeed(@ForAll long seed) {
        ClickIds first = new ClickIds(new SplittableRandom(seed));
        ClickIds second = new ClickIds(new SplittableRandom(seed));

        assertThat(first.sscid()).isEqualTo(second.sscid());
        assertThat(first.awc("1", 2)).isEqualTo(second.awc("1", 2));
    }
}
