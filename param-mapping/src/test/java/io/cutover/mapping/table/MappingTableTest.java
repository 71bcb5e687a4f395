package io.cutover.mapping.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.mapping.LinkKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingTableTest {

    private static final String R_CFM = """
            endpoint: /r.cfm
            primary: /cread.php
            params:
              m: { to: awinmid, lookup: merchant }
              u: { to: awinaffid, lookup: affiliate }
              cons: { to: cons }
              gdpr: { to: gdpr }
              gdpr_consent: { to: gdpr_consent }
            """;

    private static final String U_CFM = """
            endpoint: /u.cfm
            primary: /cread.php
            fixed:
              platform: dl
            params:
              m: { to: awinmid, lookup: merchant }
              u: { to: awinaffid, lookup: affiliate }
              d: { drop: offers migrated as creatives }
              cons: { to: cons }
              gdpr: { to: gdpr }
              gdpr_consent: { to: gdpr_consent }
            """;

    @Test
    void loadsTheBuiltInTableFromTheClasspath() {
        MappingTable table = MappingTable.builtIn();

        EndpointMapping rcfm = table.endpoint(LinkKind.BANNER_CLICK).orElseThrow();
        assertThat(rcfm.primaryPath()).isEqualTo("/cread.php");
        assertThat(rcfm.origin().source()).isEqualTo("r-cfm.yaml");
        assertThat(rcfm.rules())
                .extracting(Rule::legacyName)
                .containsExactly("m", "u", "afftrack", "urllink", "b", "cons", "gdpr", "gdpr_consent", "utm_");
        assertThat(rcfm.rules())
                .extracting(Rule::description)
                .containsExactly(
                        "lookup merchant → awinmid",
                        "lookup affiliate → awinaffid",
                        "subid → clickref2 (max 255)",
                        "landing → ued",
                        "drop",
                        "copy → cons",
                        "copy → gdpr",
                        "copy → gdpr_consent",
                        "pass through every utm_* parameter under its own name");
        assertThat(rcfm.merchantRule().key()).isEqualTo("m");
        assertThat(rcfm.affiliateRule()).map(Rule::key).hasValue("u");
        assertThat(rcfm.landingRule()).map(Rule::target).hasValue("ued");
        assertThat(table.endpoints())
                .extracting(EndpointMapping::kind)
                .containsExactly(
                        LinkKind.BANNER_CLICK, LinkKind.DEAL_CLICK, LinkKind.PRODUCT_CLICK, LinkKind.CONVERSION);
    }

    @Test
    void packagesEveryMappingFileOfTheMappingsFolder() throws IOException {
        Path mappings = Path.of("..", "mappings");
        List<String> listed = Files.readAllLines(mappings.resolve("index.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        try (Stream<Path> files = Files.list(mappings)) {
            List<String> yaml = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(yaml);
        }
    }

    @Test
    void compilesSeveralEndpointsFromOneFileSeparatedByDocumentMarkers() {
        MappingTable table = MappingTable.compile(List.of(new MappingSource("clicks.yaml", R_CFM + "---\n" + U_CFM)));

        assertThat(table.endpoints())
                .extracting(EndpointMapping::kind)
                .containsExactly(LinkKind.BANNER_CLICK, LinkKind.DEAL_CLICK);
        assertThat(table.endpoint(LinkKind.DEAL_CLICK).orElseThrow().origin())
                .isEqualTo(new Origin("clicks.yaml", 10, 1));
    }

    @Test
    void keepsRulesInFileOrderAcrossFixedAndParams() {
        EndpointMapping ucfm = MappingTable.compile(List.of(new MappingSource("u.yaml", U_CFM)))
                .endpoint(LinkKind.DEAL_CLICK)
                .orElseThrow();

        assertThat(ucfm.rules())
                .extracting(Rule::kind)
                .containsExactly(
                        RuleKind.FIXED,
                        RuleKind.LOOKUP_MERCHANT,
                        RuleKind.LOOKUP_AFFILIATE,
                        RuleKind.DROP,
                        RuleKind.COPY,
                        RuleKind.COPY,
                        RuleKind.COPY);
        assertThat(ucfm.rules().get(0).prefix()).isEqualTo("platform=");
        assertThat(ucfm.rules().get(3).detail()).isEqualTo("offers migrated as creatives");
        assertThat(ucfm.rules().get(3).origin()).isEqualTo(new Origin("u.yaml", 8, 3));
    }

    @Test
    void matchesLegacyNamesCaseInsensitively() {
        EndpointMapping mapping = MappingTable.compile(List.of(new MappingSource("m.yaml", """
                endpoint: /m-pr.cfm
                primary: /cread.php
                params:
                  merchantID: { to: awinmid, lookup: merchant }
                  userID: { to: awinaffid, lookup: affiliate }
                  cons: { to: cons }
                  gdpr: { to: gdpr }
                  gdpr_consent: { to: gdpr_consent }
                """)))
                .endpoint(LinkKind.PRODUCT_CLICK)
                .orElseThrow();

        assertThat(mapping.hasParam("merchantid")).isTrue();
        assertThat(mapping.rule("userid")).map(Rule::legacyName).hasValue("userID");
        assertThat(mapping.name()).isEqualTo("m-pr.cfm");
    }

    @Test
    void loadsFilesAndDirectoriesNamingThemByPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a-r.yaml"), R_CFM);
        Files.writeString(dir.resolve("b-u.yml"), U_CFM);
        Files.writeString(dir.resolve("README.txt"), "not a mapping");

        MappingTable table = MappingTable.loadDirectory(dir);

        assertThat(table.endpoints()).hasSize(2);
        assertThat(table.sources())
                .containsExactly(
                        dir.resolve("a-r.yaml").toString(),
                        dir.resolve("b-u.yml").toString());
        assertThat(MappingTable.load(List.of(dir.resolve("a-r.yaml"))).endpoints())
                .hasSize(1);
    }

    @Test
    void refusesMissingAndNonUtf8Files(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "endpoint: /r.cfm # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> MappingTable.load(List.of(latin1, missing)))
                .isInstanceOf(MappingFileException.class)
                .hasMessageContaining(latin1 + ": not UTF-8 text")
                .hasMessageContaining(missing + ": cannot read (NoSuchFileException)");
    }
}
