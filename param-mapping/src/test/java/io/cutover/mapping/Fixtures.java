package io.cutover.mapping;

import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingSource;
import io.cutover.mapping.table.MappingTable;
import java.util.List;

/** The built-in table and the sample directory, as the sandbox runs them. */
final class Fixtures {

    static final String DEFAULT_LANDING = "https://www.example.com/";

    /** A table that maps r.cfm alone, for what happens to link kinds without a mapping. */
    static final String R_CFM_ONLY = """
            endpoint: /r.cfm
            primary: /cread.php
            params:
              m: { to: awinmid, lookup: merchant }
              u: { to: awinaffid, lookup: affiliate }
              cons: { to: cons }
              gdpr: { to: gdpr }
              gdpr_consent: { to: gdpr_consent }
            """;

    private static final Translator BUILT_IN = new Translator(MappingTable.builtIn(), FileDirectory.sample());

    private Fixtures() {}

    static Translator builtIn() {
        return BUILT_IN;
    }

    /** A translator over the sample directory with a table written in the test. */
    static Translator withTable(String yaml) {
        MappingTable table = MappingTable.compile(List.of(new MappingSource("test.yaml", yaml)));
        return new Translator(table, FileDirectory.sample());
    }
}
