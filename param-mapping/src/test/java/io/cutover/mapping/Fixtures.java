package io.cutover.mapping;

import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingSource;
import io.cutover.mapping.table.MappingTable;
import java.util.List;

/** The built-in table and the sample directory, as the sandbox runs them. */
final class Fixtures {

    static final String DEFAULT_LANDING = "https://www.example.com/";

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
