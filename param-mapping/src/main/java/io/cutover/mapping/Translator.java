package io.cutover.mapping;

import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.table.MappingTable;
import java.util.Objects;

/**
 * Translates a legacy request into its Awin equivalent: parse, look up the identities, apply the
 * table's rules, check the landing. Immutable and thread-safe; a reload builds a new one.
 */
public final class Translator {

    private final MappingTable table;
    private final Directory directory;

    public Translator(MappingTable table, Directory directory) {
        this.table = Objects.requireNonNull(table, "table");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The hot path: no tracing, no string building beyond the result itself. Never throws for any
     * query string; a {@code null} query counts as empty.
     *
     * @param rawQuery the raw query without {@code ?}, still percent-encoded
     */
    public MappingResult translate(LinkKind kind, String rawQuery) {
        return Translation.run(table, directory, Objects.requireNonNull(kind, "kind"), rawQuery, Trace.OFF);
    }

    /** The same translation, recording every step for {@code cutover explain}. */
    public Explanation explain(LinkKind kind, String rawQuery) {
        ExplainRecorder recorder = new ExplainRecorder(Objects.requireNonNull(kind, "kind"), rawQuery);
        MappingResult result = Translation.run(table, directory, kind, rawQuery, recorder);
        return recorder.finish(result);
    }

    public MappingTable table() {
        return table;
    }

    public Directory directory() {
        return directory;
    }
}
