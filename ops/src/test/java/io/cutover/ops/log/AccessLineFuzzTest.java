package io.cutover.ops.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The access line's own formatting against the library's: the timestamp must read exactly as
 * {@link DateTimeFormatter#ISO_INSTANT} writes it, and the redaction must catch every name that
 * lower-casing and searching would.
 */
class AccessLineFuzzTest {

    // Shared on purpose: the remembered second carries from one input to the next.
    private static final AccessLine LINE = new AccessLine();

    @FuzzTest
    void writesTheInstantExactlyAsIsoInstant(FuzzedDataProvider data) {
        long second = data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
        int nanos = data.consumeInt(0, 999_999_999);
        Instant instant = Instant.ofEpochSecond(second, nanos);

        StringBuilder written = new StringBuilder();
        LINE.appendInstant(written, instant);

        assertThat(written.toString()).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    @FuzzTest
    @DictionaryEntries({"token", "SESSION", "api_key", "sig", "KEY", "\u212Aey", "Pass", "sİd", "jwt"})
    void catchesEverySecretThatLowerCasingWould(String name) {
        if (name == null) {
            return;
        }
        boolean byLowerCasing = lowerCasedAndSearched(name);
        boolean secret = QueryRedaction.isSecret(name);

        if (byLowerCasing) {
            assertThat(secret).as(name).isTrue();
        }
        if (name.chars().allMatch(c -> c < 0x80)) {
            assertThat(secret).as(name).isEqualTo(byLowerCasing);
        }
    }

    /** The rule as written before it was read in place: lower-case the name, then search it. */
    private static boolean lowerCasedAndSearched(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (List.of("sig", "key", "pass", "sid", "code").contains(lower)) {
            return true;
        }
        for (String part : List.of(
                "token",
                "secret",
                "password",
                "passwd",
                "pwd",
                "auth",
                "session",
                "sessid",
                "apikey",
                "api_key",
                "api-key",
                "signature",
                "cookie",
                "credential",
                "jwt",
                "bearer")) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
