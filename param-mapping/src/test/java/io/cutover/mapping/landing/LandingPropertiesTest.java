package io.cutover.mapping.landing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.query.Ascii;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class LandingPropertiesTest {

    private static final Merchant MERCHANT =
            new Merchant("41388", "15532", "https://www.example.com/", List.of("example.com"));

    @Property(tries = 3000)
    void everyLandingIsHttpOnAnAllowedHostWithoutControls(@ForAll("deepLinks") String raw) {
        LandingDecision decision = LandingCheck.decide(raw, MERCHANT);
        String landing = decision.landing();

        assertThat(landing).startsWith("http");
        assertThat(Ascii.hasControl(landing)).isFalse();
        LandingUrl reparsed = LandingUrl.parse(landing);
        assertThat(reparsed.verdict()).isEqualTo(LandingVerdict.SAFE);
        assertThat(reparsed.scheme()).isIn("http", "https");
        assertThat(MERCHANT.allows(reparsed.host())).isTrue();
        assertThat(reparsed.canonical()).isEqualTo(landing);
        Statistics.label("verdict").collect(decision.verdict());
        Statistics.label("verdict").coverage(coverage -> {
            coverage.check(LandingVerdict.SAFE).percentage(percent -> percent > 5);
            coverage.check(LandingVerdict.DOMAIN_NOT_ALLOWED).percentage(percent -> percent > 5);
            coverage.check(LandingVerdict.CONTROL_CHARACTERS).count(count -> count > 0);
            coverage.check(LandingVerdict.NOT_HTTP).count(count -> count > 0);
        });
    }

    @Property(tries = 2000)
    void canonicalFormIsStable(@ForAll("deepLinks") String raw) {
        LandingUrl url = LandingUrl.parse(raw);
        if (url.verdict() == LandingVerdict.SAFE) {
            LandingUrl again = LandingUrl.parse(url.canonical());
            assertThat(again.canonical()).isEqualTo(url.canonical());
            assertThat(again.host()).isEqualTo(url.host());
        }
    }

    @Provide
    Arbitrary<String> deepLinks() {
        return DeepLinks.any();
    }
}
