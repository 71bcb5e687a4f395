package io.cutover.mapping.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The query parser, the percent codecs and the legacy ID rules on any text. Seeds (readable text)
 * are in {@code QueryFuzzTestInputs/<method>/}; {@code bin/fuzz} searches beyond them.
 */
class QueryFuzzTest {

    @FuzzTest
    @DictionaryEntries({"&", "=", "&amp;", "&#38;", "&#x26;", "%", "%2", "%zz", "%E9", "%C3%B6", "+", "%0D%0A", "%00"})
    void parsingNeverThrowsAndStaysBounded(FuzzedDataProvider data) {
        LegacyParams params = LegacyParams.parse(data.consumeRemainingAsString());

        assertThat(params.size()).isLessThanOrEqualTo(LegacyParams.MAX_PAIRS);
        for (Param param : params.all()) {
            assertThat(param.key()).isNotEmpty().isEqualTo(Ascii.lower(param.key()));
            assertThat(params.indexOf(param.key())).isGreaterThanOrEqualTo(0);
            assertThat(params.rawValue(param.key())).isPresent();
        }
    }

    @FuzzTest
    void decodingNeverThrows(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();

        assertThat(PercentDecoder.decodeForm(value)).isNotNull();
        assertThat(PercentDecoder.decodeComponent(value)).isNotNull();
        assertThat(PercentEncoder.escapeIllegal(value)).isNotNull();
    }

    /** Text with a lone surrogate has no UTF-8 form, so the round trip is claimed for real text only. */
    @FuzzTest
    void encodedTextDecodesBackToItself(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        if (Texts.hasLoneSurrogate(text)) {
            return;
        }
        String encoded = PercentEncoder.encodeComponent(text);

        assertThat(encoded).matches("[A-Za-z0-9._~%-]*");
        assertThat(PercentDecoder.decodeComponent(encoded)).isEqualTo(text);
        assertThat(PercentDecoder.decodeForm(encoded)).isEqualTo(text);
    }

    @FuzzTest
    void escapingIllegalCharactersIsIdempotent(FuzzedDataProvider data) {
        String once = PercentEncoder.escapeIllegal(data.consumeRemainingAsString());

        assertThat(PercentEncoder.escapeIllegal(once)).isEqualTo(once);
    }

    @FuzzTest
    void legacyIdsNormaliseToDigitsOrNothing(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();

        String id = LegacyId.normalise(raw);
        boolean blank = LegacyId.isBlank(raw);
        String expectation = LegacyId.expectation(raw);

        assertThat(expectation).startsWith("a number");
        if (id == null) {
            return;
        }
        assertThat(blank).isFalse();
        assertThat(id).matches("0|[1-9][0-9]{0," + (LegacyId.MAX_DIGITS - 1) + "}");
        assertThat(LegacyId.normalise(id)).isEqualTo(id);
        assertThat(Long.toString(LegacyId.toLong(id))).isEqualTo(id);
    }
}
