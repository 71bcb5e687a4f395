package io.cutover.mapping.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cutover.cookie.Phase;
import io.cutover.mapping.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerchantPhaseTest {

    private static final String DIRECTORY = """
            merchants:
              1: { advertiser: 11, landing: "https://a.example/", domains: [a.example], phase: legacy-only }
              2: { advertiser: 12, landing: "https://b.example/", domains: [b.example], phase: dual }
              3: { advertiser: 13, landing: "https://c.example/", domains: [c.example], phase: primary-only }
              4: { advertiser: 14, landing: "https://d.example/", domains: [d.example] }
            """;

    @Test
    void readsEachMerchantsPhaseAndLeavesTheDefaultToTheConfigWhenNoneIsWritten() {
        FileDirectory directory = FileDirectory.parse("d.yaml", DIRECTORY);

        assertThat(directory.merchant("1").orElseThrow().phase()).isEqualTo(Phase.LEGACY_ONLY);
        assertThat(directory.merchant("2").orElseThrow().phase()).isEqualTo(Phase.DUAL);
        assertThat(directory.merchant("3").orElseThrow().phase()).isEqualTo(Phase.PRIMARY_ONLY);
        assertThat(directory.merchant("4").orElseThrow().phase()).isNull();
        assertThat(directory.merchant("4").orElseThrow().phaseOr(Phase.PRIMARY_ONLY))
                .isEqualTo(Phase.PRIMARY_ONLY);
        assertThat(directory.merchant("1").orElseThrow().phaseOr(Phase.PRIMARY_ONLY))
                .isEqualTo(Phase.LEGACY_ONLY);
    }

    @Test
    void refusesAPhaseThatIsNoneWithItsLine() {
        DirectoryFileException e =
                catchThrowableOfType(DirectoryFileException.class, () -> FileDirectory.parse("d.yaml", """
                merchants:
                  1:
                    advertiser: 11
                    landing: https://a.example/
                    domains: [a.example]
                    phase: both
                  2: { advertiser: 12, landing: "https://b.example/", domains: [b.example], phase: [dual] }
                """));

        assertThat(e.problems().stream().map(Problem::toString))
                .containsExactly(
                        "d.yaml:6:5: merchants.1.phase: 'both' (expected: legacy-only, dual or primary-only)",
                        "d.yaml:7:84: merchants.2.phase: a list (expected: a single value)");
    }

    @Test
    void aReloadedFileChangesTheMerchantsPhase() {
        FileDirectory before = FileDirectory.parse("d.yaml", DIRECTORY);
        FileDirectory after = FileDirectory.parse("d.yaml", DIRECTORY.replace("phase: dual", "phase: primary-only"));

        assertThat(before.merchant("2").orElseThrow().phase()).isEqualTo(Phase.DUAL);
        assertThat(after.merchant("2").orElseThrow().phase()).isEqualTo(Phase.PRIMARY_ONLY);
    }

    @Test
    void aDynamoDbItemCarriesThePhaseBothWays() {
        Merchant merchant = new Merchant("7", "17", "https://e.example/", List.of("e.example"), Phase.PRIMARY_ONLY);

        var item = DirectoryItems.merchantItem(merchant);

        assertThat(item.get("phase").s()).isEqualTo("primary-only");
        assertThat(DirectoryItems.merchant("7", item)).isEqualTo(merchant);
        var withoutPhase = new java.util.HashMap<>(item);
        withoutPhase.remove("phase");
        assertThat(DirectoryItems.merchant("7", withoutPhase).phase()).isNull();
    }

    @Test
    void aDynamoDbItemWithAPhaseThatIsNoneDoesNotDecode() {
        var item = new java.util.HashMap<>(
                DirectoryItems.merchantItem(new Merchant("7", "17", "https://e.example/", List.of("e.example"))));
        item.put("phase", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("Dual"));

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> DirectoryItems.merchant("7", item)))
                .hasMessage("phase: Dual (expected: legacy-only, dual or primary-only)");
    }
}
