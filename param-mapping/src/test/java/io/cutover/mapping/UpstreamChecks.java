package io.cutover.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.mapping.directory.Merchant;
import io.cutover.mapping.landing.LandingUrl;
import io.cutover.mapping.landing.LandingVerdict;
import io.cutover.mapping.query.Ascii;
import io.cutover.mapping.query.LegacyParams;
import io.cutover.mapping.query.Param;
import io.cutover.mapping.query.PercentDecoder;
import io.cutover.mapping.query.PercentEncoder;
import io.cutover.web.ControlCharacters;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every translation must satisfy, whatever the endpoint and its rules: it never throws, the
 * explanation agrees with the hot path, and a mapped request is a valid URL whose values are
 * encoded exactly once and parse back to what the table put in.
 */
final class UpstreamChecks {

    private static final Pattern ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");

    private UpstreamChecks() {}

    static MappingResult check(Translator translator, LinkKind kind, String query) {
        MappingResult result = translator.translate(kind, query);

        assertThat(result).isNotNull();
        assertThat(translator.explain(kind, query).result()).isEqualTo(result);
        assertThat(translator.translate(kind, query)).isEqualTo(result);
        if (result instanceof Rejected rejected) {
            assertThat(rejected.reason()).isNotBlank();
            assertThat(ControlCharacters.inUrl(rejected.reason())).isFalse();
        } else if (result instanceof Unmapped unmapped) {
            assertThat(unmapped.kind()).isEqualTo(kind);
            assertThat(unmapped.reason()).isNotBlank();
            unmapped.landing().ifPresent(landing -> assertSafeLanding(translator, unmapped.merchantId(), landing));
        } else {
            assertMapped(translator, kind, query, (Mapped) result);
        }
        return result;
    }

    private static void assertMapped(Translator translator, LinkKind kind, String query, Mapped mapped) {
        assertThat(mapped.kind()).isEqualTo(kind);
        Optional<Merchant> merchant = translator.directory().merchant(mapped.merchantId());
        assertThat(merchant).as("a mapped merchant is in the directory").isPresent();
        PrimaryRequest primary = mapped.primary();
        assertThat(primary.path()).matches(PATH);
        String upstream = "https://primary.test" + primary.pathAndQuery();
        URI uri;
        try {
            uri = new URI(upstream);
        } catch (URISyntaxException e) {
            throw new AssertionError("not a valid URL: " + upstream, e);
        }
        assertThat(uri.getRawPath()).isEqualTo(primary.path());
        assertThat(primary.query()).isEqualTo(PercentEncoder.escapeIllegal(primary.query()));
        if (!primary.query().isEmpty()) {
            assertThat(uri.getRawQuery()).isEqualTo(primary.query());
        }

        LegacyParams upstreamParams = LegacyParams.parse(primary.query());
        List<String> inputDecodings = decodings(query);
        for (Param param : upstreamParams.all()) {
            String raw = param.rawValue();
            // A '+' is ambiguous (space or plus), so Cutover never writes one; a copied value keeps
            // the shopper's own, as sent.
            if (raw.indexOf('+') >= 0) {
                assertThat(query)
                        .as("value of %s has a '+' the request never carried", param.key())
                        .contains("+");
            }
            assertWellFormedEscapes(param.key(), raw);
            String decoded = PercentDecoder.decodeComponent(raw);
            // The landing is a URL with escapes of its own (a space in its path is %20); it is
            // checked below as a canonical safe URL, which a second encoding would not be.
            if (!decoded.equals(mapped.landing())) {
                assertEncodedOnce(param.key(), decoded, inputDecodings);
            }
        }
        String advertiser = merchant.get().advertiserId();
        for (String name : List.of("awinmid", "merchant", "mid")) {
            upstreamParams
                    .rawValue(name)
                    .ifPresent(value -> assertThat(value)
                            .as("%s is the directory's advertiser", name)
                            .isEqualTo(advertiser));
        }
        upstreamParams
                .rawValue("awinaffid")
                .ifPresent(value -> assertThat(value).matches("[1-9][0-9]*"));
        upstreamParams
                .rawValue("ued")
                .map(PercentDecoder::decodeComponent)
                .ifPresent(ued -> assertSafeLanding(translator, Optional.of(mapped.merchantId()), ued));
        if (kind.isClick()) {
            assertSafeLanding(translator, Optional.of(mapped.merchantId()), mapped.landing());
        }
    }

    private static void assertSafeLanding(Translator translator, Optional<String> merchantId, String landing) {
        assertThat(ControlCharacters.inUrl(landing)).isFalse();
        LandingUrl url = LandingUrl.parse(landing);
        assertThat(url.verdict()).as("landing %s", landing).isEqualTo(LandingVerdict.SAFE);
        assertThat(url.scheme()).isIn("http", "https");
        assertThat(url.canonical()).isEqualTo(landing);
        merchantId
                .flatMap(translator.directory()::merchant)
                .ifPresent(m -> assertThat(m.allows(url.host()))
                        .as("host %s allowed for merchant %s", url.host(), m.legacyId())
                        .isTrue());
    }

    private static void assertWellFormedEscapes(String key, String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            assertThat(i + 3 <= raw.length()
                            && ESCAPE.matcher(raw.substring(i, i + 3)).matches())
                    .as("%s=%s: '%%' starts a valid escape at %d", key, raw, i)
                    .isTrue();
        }
    }

    /**
     * A value encoded twice still shows an escape after one decoding. That is right only when the
     * shopper's own value carried that escape after its decodings (e.g. a deliberately encoded
     * {@code %26} inside a deep link's query), so every escape left must appear there.
     */
    private static void assertEncodedOnce(String key, String decoded, List<String> inputDecodings) {
        Matcher escape = ESCAPE.matcher(decoded);
        while (escape.find()) {
            String found = escape.group();
            assertThat(inputDecodings.stream().anyMatch(text -> containsIgnoreCase(text, found)))
                    .as("%s: %s is still encoded after one decoding but the request never carried it", key, found)
                    .isTrue();
        }
    }

    /** The whole query decoded one, two and three times: what a value may legitimately contain. */
    private static List<String> decodings(String query) {
        List<String> out = new ArrayList<>();
        String text = query == null ? "" : query;
        for (int pass = 0; pass < 3; pass++) {
            text = PercentDecoder.decodeForm(text);
            out.add(text);
            out.add(PercentDecoder.decodeComponent(text));
        }
        return out;
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return Ascii.lower(text).contains(Ascii.lower(part));
    }
}
