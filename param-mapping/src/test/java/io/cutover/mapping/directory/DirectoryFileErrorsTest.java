package io.cutover.mapping.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cutover.mapping.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFileErrorsTest {

    @Test
    void refusesAMerchantIdThatIsNotANumber() {
        assertThat(problems("""
                merchants:
                  abc: { advertiser: 1, landing: "https://example.com/", domains: [example.com] }
                """))
                .containsExactly("d.yaml:2:3: merchants: 'abc' (expected: a legacy merchant id, a number)");
    }

    @Test
    void refusesAMerchantListedTwiceEvenWithLeadingZeros() {
        assertThat(problems("""
                merchants:
                  41388: { advertiser: 1, landing: "https://example.com/", domains: [example.com] }
                  041388: { advertiser: 2, landing: "https://example.com/", domains: [example.com] }
                """))
                .containsExactly("d.yaml:3:3: merchants.041388: merchant 41388 is listed twice (first at line 2)");
    }

    @Test
    void refusesAnAdvertiserIdThatIsNotANumber() {
        // A missing advertiser is fine (merchant 1: not on Awin yet); a wrong one is a typo.
        assertThat(problems("""
                merchants:
                  1:
                    landing: https://example.com/
                    domains: [example.com]
                  2:
                    advertiser: 15532x
                    landing: https://example.com/
                    domains: [example.com]
                """))
                .containsExactly(
                        "d.yaml:6:5: merchants.2.advertiser: '15532x' (expected: the Awin advertiser id (awinmid), a number)");
    }

    @Test
    void refusesAnAllowedDomainThatIsNotAHostName() {
        assertThat(problems("""
                merchants:
                  1: { landing: "https://example.com/", domains: [example.com, a-.com, 10.0.0.1] }
                """))
                .containsExactly(
                        "d.yaml:2:64: merchants.1.domains[1]: 'a-.com' (expected: a lower-case host name such as example.com)",
                        "d.yaml:2:72: merchants.1.domains[2]: '10.0.0.1' (expected: a lower-case host name such as example.com)");
    }

    @Test
    void refusesALandingThatIsNotAnAbsoluteHttpUrl() {
        assertThat(problems("""
                merchants:
                  1: { advertiser: 1, landing: "www.example.com/", domains: [example.com] }
                  2: { advertiser: 1, landing: "javascript:alert(1)", domains: [example.com] }
                  3: { advertiser: 1, landing: "https://user@example.com/", domains: [example.com] }
                """))
                .containsExactly(
                        "d.yaml:2:23: merchants.1.landing: 'www.example.com/' (expected: an absolute http(s) URL such as "
                                + "https://www.example.com/)",
                        "d.yaml:3:23: merchants.2.landing: 'javascript:alert(1)' (expected: an absolute http(s) URL such as "
                                + "https://www.example.com/)",
                        "d.yaml:4:23: merchants.3.landing: 'https://user@example.com/' (expected: an absolute http(s) URL such "
                                + "as https://www.example.com/)");
    }

    @Test
    void refusesALandingOutsideTheMerchantsOwnDomains() {
        assertThat(problems("""
                merchants:
                  41388:
                    advertiser: 15532
                    landing: https://www.example.com.evil.com/
                    domains: [example.com]
                """))
                .containsExactly("d.yaml:4:5: merchants.41388.landing: host www.example.com.evil.com is not on the "
                        + "merchant's domains (expected: one of [example.com] or a subdomain)");
    }

    @Test
    void refusesDomainsThatAreNotLowerCaseHostNames() {
        assertThat(problems("""
                merchants:
                  1:
                    advertiser: 1
                    landing: https://example.com/
                    domains:
                      - example.com
                      - Example.org
                      - https://example.net
                  2: { advertiser: 1, landing: "https://example.com/", domains: [] }
                  3: { advertiser: 1, landing: "https://example.com/", domains: example.com }
                """))
                .containsExactly(
                        "d.yaml:7:9: merchants.1.domains[1]: 'Example.org' "
                                + "(expected: a lower-case host name such as example.com)",
                        "d.yaml:8:9: merchants.1.domains[2]: 'https://example.net' (expected: a lower-case host name such as "
                                + "example.com)",
                        "d.yaml:9:65: merchants.2.domains: an empty list (expected: a list of lower-case host names, e.g. "
                                + "[example.com])",
                        "d.yaml:10:65: merchants.3.domains: 'example.com' (expected: a list of lower-case host names, e.g. "
                                + "[example.com])");
    }

    @Test
    void refusesUnknownKeys() {
        assertThat(problems("""
                merchants:
                  1: { advertiser: 1, landing: "https://example.com/", domains: [example.com], name: Example }
                affiliate:
                  1: 2
                """))
                .containsExactly(
                        "d.yaml:2:80: merchants.1.name: unknown key (expected: one of advertiser, landing, domains, phase)",
                        "d.yaml:3:1: affiliate: unknown key (expected: one of merchants, affiliates, affiliates-file)");
    }

    @Test
    void refusesAffiliatesThatAreNotNumbersOrListedTwice() {
        assertThat(problems("""
                merchants: {}
                affiliates:
                  873588: 402911
                  x1: 5
                  2: abc
                  0873588: 7
                """))
                .containsExactly(
                        "d.yaml:4:3: affiliates: 'x1' (expected: a legacy affiliate id, a number)",
                        "d.yaml:5:6: affiliates.2: 'abc' (expected: the Awin publisher id (awinaffid), a number)",
                        "d.yaml:6:1: affiliate 873588 is listed twice (first at d.yaml:3)");
    }

    @Test
    void reportsCsvProblemsWithTheCsvsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.yaml"), """
                merchants: {}
                affiliates:
                  873588: 402911
                affiliates-file: a.csv
                """);
        Files.writeString(dir.resolve("a.csv"), "873588,1\n12\n3,4,5\nabc,6\n7,x\n8,9\n");
        String csv = dir.resolve("a.csv").toString();

        DirectoryFileException refused =
                catchThrowableOfType(DirectoryFileException.class, () -> FileDirectory.load(dir.resolve("d.yaml")));

        assertThat(refused.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        csv + ":1:1: affiliate 873588 is listed twice (first at " + dir.resolve("d.yaml") + ":3)",
                        csv + ":2:1: expected 2 fields (legacy affiliate id,Awin publisher id), found 1",
                        csv + ":3:1: expected 2 fields (legacy affiliate id,Awin publisher id), found more",
                        csv + ":4:1: 'abc' (expected: a legacy affiliate id, a number)",
                        csv + ":5:1: 'x' (expected: an Awin publisher id, a number)");
    }

    @Test
    void reportsAMissingCsv(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.yaml"), "merchants: {}\naffiliates-file: nowhere.csv\n");

        DirectoryFileException refused =
                catchThrowableOfType(DirectoryFileException.class, () -> FileDirectory.load(dir.resolve("d.yaml")));

        assertThat(refused.getMessage())
                .contains("d.yaml:2:1: affiliates-file: cannot read " + dir.resolve("nowhere.csv")
                        + " (NoSuchFileException)");
    }

    @Test
    void refusesACsvWhenNotLoadedFromAFile() {
        assertThat(problems("merchants: {}\naffiliates-file: a.csv\n"))
                .containsExactly(
                        "d.yaml:2:1: affiliates-file: 'a.csv' cannot be read: this directory was not loaded from a file");
    }

    @Test
    void reportsMissingMerchantsAndSyntaxErrorsWithTheirLine() {
        assertThat(problems("affiliates:\n  1: 2\n"))
                .containsExactly(
                        "d.yaml:1:1: merchants: missing (expected: legacy merchant id: { advertiser, landing, domains })");
        assertThat(problems("merchants:\n  1: { advertiser: 1\naffiliates: {}\n"))
                .singleElement()
                .asString()
                .startsWith("d.yaml:3:");
    }

    private static List<String> problems(String yaml) {
        DirectoryFileException refused =
                catchThrowableOfType(DirectoryFileException.class, () -> FileDirectory.parse("d.yaml", yaml));
        assertThat(refused).as("expected the directory to be refused").isNotNull();
        return refused.problems().stream().map(Problem::toString).toList();
    }
}
