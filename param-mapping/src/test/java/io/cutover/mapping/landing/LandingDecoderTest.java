package io.cutover.mapping.landing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LandingDecoderTest {

    @Test
    void decodesShareASalesOwnRecipeOnce() {
        LandingDecoder.Decoded decoded = LandingDecoder.decode("www.example.com/page.cfm%3FID%3D6");

        assertThat(decoded.value()).isEqualTo("www.example.com/page.cfm?ID=6");
        assertThat(decoded.passes()).isEqualTo(1);
    }

    @Test
    void keepsAnEncodedAmpersandInsideAQueryValue() {
        assertThat(LandingDecoder.decode("https%3A%2F%2Fm.com%2Fs%3Fq%3Da%2526b")
                        .value())
                .isEqualTo("https://m.com/s?q=a%26b");
    }

    @Test
    void decodesADoubleEncodedUrlInTwoPasses() {
        LandingDecoder.Decoded decoded = LandingDecoder.decode("https%253A%252F%252Fm.com%252Fp");

        assertThat(decoded.value()).isEqualTo("https://m.com/p");
        assertThat(decoded.passes()).isEqualTo(2);
    }

    @Test
    void decodesADoubleEncodedRecipeWhoseSlashIsStillEncoded() {
        assertThat(LandingDecoder.decode("www.example.com%252Fpage%253Fid%253D6")
                        .value())
                .isEqualTo("www.example.com/page?id=6");
    }

    @Test
    void decodesEncodedSlashesAfterAPlainScheme() {
        assertThat(LandingDecoder.decode("https:%252F%252Fm.com/p").value()).isEqualTo("https://m.com/p");
    }

    @Test
    void stopsAfterThreePasses() {
        // encoded four times: three passes leave one layer, which then fails as a host name
        LandingDecoder.Decoded decoded = LandingDecoder.decode("https%2525253A%2525252F%2525252Fm.com");

        assertThat(decoded.passes()).isEqualTo(LandingDecoder.MAX_PASSES);
        assertThat(decoded.value()).isEqualTo("https%3A%2F%2Fm.com");
    }

    @Test
    void keepsANestedTrackerUrlAsOneUrl() {
        String skimlinks = "https%3A%2F%2Fgo.skimresources.com%2F%3Fid%3D1X"
                + "%26url%3Dhttps%253A%252F%252Fshop.example.com%252Fp";

        assertThat(LandingDecoder.decode(skimlinks).value())
                .isEqualTo("https://go.skimresources.com/?id=1X&url=https%3A%2F%2Fshop.example.com%2Fp");
    }

    @Test
    void leavesAnEncodedUrlInTheQueryOfAPlainRecipeAlone() {
        assertThat(LandingDecoder.decode("www.m.com/r%3Furl%3Dhttps%253A%252F%252Fx.com")
                        .value())
                .isEqualTo("www.m.com/r?url=https%3A%2F%2Fx.com");
    }

    @Test
    void keepsPlusAsPlus() {
        assertThat(LandingDecoder.decode("www.m.com/search?q=a+b").value()).isEqualTo("www.m.com/search?q=a+b");
    }
}
