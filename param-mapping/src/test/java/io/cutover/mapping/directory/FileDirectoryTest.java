package io.cutover.mapping.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDirectoryTest {

    @Test
    void sampleHoldsTheMerchantsAndAffiliatesTheSandboxUses() {
        FileDirectory sample = FileDirectory.sample();

        assertThat(sample.merchant("41388"))
                .hasValue(new Merchant("41388", "15532", "https://www.example.com/", List.of("example.com")));
        assertThat(sample.merchant("24570"))
                .hasValue(new Merchant("24570", "10990", "https://shop.example.org/welcome", List.of("example.org")));
        assertThat(sample.publisher("873588")).hasValue("402911");
        assertThat(sample.publisher("3574798")).hasValue("1068842");
    }

    @Test
    void sampleLeavesOutTheIdsTestsUseAsUnknown() {
        FileDirectory sample = FileDirectory.sample();

        assertThat(sample.merchant("99999")).isEmpty();
        assertThat(sample.publisher("111111")).isEmpty();
    }

    @Test
    void packagedSampleMatchesTheFileInConfig() {
        FileDirectory onDisk = FileDirectory.load(Path.of("..", "config", "directory", "sample.yaml"));
        FileDirectory packaged = FileDirectory.sample();

        assertThat(onDisk.merchants()).containsExactlyInAnyOrderElementsOf(packaged.merchants());
        assertThat(onDisk.affiliateCount()).isEqualTo(packaged.affiliateCount());
    }

    @Test
    void answersOnlyNormalisedIds() {
        FileDirectory sample = FileDirectory.sample();

        assertThat(sample.publisher("0873588")).isEmpty();
        assertThat(sample.publisher("abc")).isEmpty();
        assertThat(sample.publisher("")).isEmpty();
        assertThat(sample.publisher(null)).isEmpty();
        assertThat(sample.merchant(null)).isEmpty();
        assertThat(sample.publisher("1234567890123456789")).isEmpty();
    }

    @Test
    void storesTheDefaultLandingInCanonicalForm() {
        FileDirectory directory = FileDirectory.parse("d.yaml", """
                merchants:
                  7:
                    advertiser: 8
                    landing: HTTPS://WWW.Example.COM
                    domains: [example.com]
                """);

        assertThat(directory.merchant("7")).map(Merchant::defaultLanding).hasValue("https://www.example.com/");
    }

    @Test
    void readsAffiliatesFromACsvNamedRelativeToTheYaml(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("directory.yaml"), """
                merchants:
                  41388: { advertiser: 15532, landing: "https://www.example.com/", domains: [example.com] }
                affiliates:
                  1: 2
                affiliates-file: data/affiliates.csv
                """);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String csv = "legacy_affiliate_id,awin_publisher_id\r\n# exported 2025-10-01\r\n873588,402911\r\n\r\n "
                + "0003574798 , 1068842 \r\n";
        Files.write(dir.resolve("data/affiliates.csv"), concat(bom, csv.getBytes(StandardCharsets.UTF_8)));

        FileDirectory directory = FileDirectory.load(dir.resolve("directory.yaml"));

        assertThat(directory.affiliateCount()).isEqualTo(3);
        assertThat(directory.publisher("1")).hasValue("2");
        assertThat(directory.publisher("873588")).hasValue("402911");
        assertThat(directory.publisher("3574798")).hasValue("1068842");
    }

    @Test
    void loadsAProductionSizedAffiliatesCsv(@TempDir Path dir) throws IOException {
        int count = 250_000;
        Path csv = dir.resolve("affiliates.csv");
        try (Writer out = Files.newBufferedWriter(csv)) {
            out.write("legacy,publisher\n");
            for (int i = 0; i < count; i++) {
                out.write(Integer.toString(1_000_000 + i * 3));
                out.write(',');
                out.write(Integer.toString(5_000_000 + i));
                out.write('\n');
            }
        }
        Files.writeString(dir.resolve("directory.yaml"), """
                merchants: {}
                affiliates-file: affiliates.csv
                """);

        FileDirectory directory = FileDirectory.load(dir.resolve("directory.yaml"));

        assertThat(directory.affiliateCount()).isEqualTo(count);
        for (int i = 0; i < count; i += 997) {
            assertThat(directory.publisher(Integer.toString(1_000_000 + i * 3)))
                    .hasValue(Integer.toString(5_000_000 + i));
            assertThat(directory.publisher(Integer.toString(1_000_000 + i * 3 + 1)))
                    .isEmpty();
        }
        assertThat(directory.publisher(Integer.toString(1_000_000 + (count - 1) * 3)))
                .hasValue(Integer.toString(5_000_000 + count - 1));
    }

    @Test
    void listsAMerchantsDomainsBeforeItHasAnAwinId() {
        FileDirectory directory = FileDirectory.parse("d.yaml", """
                merchants:
                  50505:
                    landing: https://www.legacy-only.example/
                    domains: [legacy-only.example]
                """);

        Merchant merchant = directory.merchant("50505").orElseThrow();
        assertThat(merchant.onPrimary()).isFalse();
        assertThat(merchant.advertiserId()).isNull();
        assertThat(merchant.allows("shop.legacy-only.example")).isTrue();
        assertThat(merchant.allows("evil.example")).isFalse();
    }

    @Test
    void buildsADirectoryInCode() {
        Merchant merchant = new Merchant("5", "6", "https://a.example.net/", List.of("example.net"));

        FileDirectory directory = FileDirectory.of(List.of(merchant), Map.of("10", "20"));

        assertThat(directory.merchant("5")).hasValue(merchant);
        assertThat(directory.publisher("10")).hasValue("20");
        assertThatThrownBy(() -> FileDirectory.of(List.of(), Map.of("x", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
