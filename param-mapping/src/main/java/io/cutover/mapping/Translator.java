package io.cutover.mapping;

import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.query.LegacyId;
import io.cutover.mapping.table.MappingTable;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates a legacy request into its Awin equivalent: parse, look up the identities, apply the
 * table's rules, check the landing. Immutable and thread-safe; a reload builds a new one.
 */
public final class Translator {

    private final MappingTable table;
    private final Directory directory;
    private final Optional<String> unknownAffiliatePublisher;

    public Translator(MappingTable table, Directory directory) {
        this(table, directory, Optional.empty());
    }

    /**
     * @param unknownAffiliatePublisher the Awin publisher a click of an affiliate missing from the
     *     directory is credited to (Awin's broken-links publisher is 13430, platforms.md §3.3), so
     *     it still counts once legacy is gone; empty: such clicks are unmapped and go to legacy
     */
    public Translator(MappingTable table, Directory directory, Optional<String> unknownAffiliatePublisher) {
        this.table = Objects.requireNonNull(table, "table");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.unknownAffiliatePublisher = Objects.requireNonNull(unknownAffiliatePublisher, "unknownAffiliatePublisher");
        unknownAffiliatePublisher.ifPresent(id -> {
            if (LegacyId.normalise(id) == null || !LegacyId.normalise(id).equals(id)) {
                throw new IllegalArgumentException("unknown-affiliate publisher '" + id + "' is not a numeric id");
            }
        });
    }

    /**
     * The hot path: no tracing, no string building beyond the result itself. Never throws for any
     * query string; a {@code null} query counts as empty.
     *
     * @param rawQuery the raw query without {@code ?}, still percent-encoded
     */
    public MappingResult translate(LinkKind kind, String rawQuery) {
        return translate(kind, rawQuery, RequestContext.NONE);
    }

    /** The same, with what the request carries beyond its query (its cookies). */
    public MappingResult translate(LinkKind kind, String rawQuery, RequestContext context) {
        return Translation.run(
                table,
                directory,
                unknownAffiliatePublisher.orElse(null),
                Objects.requireNonNull(kind, "kind"),
                rawQuery,
                Objects.requireNonNull(context, "context"),
                Trace.OFF);
    }

    /** The same translation, recording every step for {@code cutover explain}. */
    public Explanation explain(LinkKind kind, String rawQuery) {
        return explain(kind, rawQuery, RequestContext.NONE);
    }

    /** The same translation with a request context, recording every step. */
    public Explanation explain(LinkKind kind, String rawQuery, RequestContext context) {
        ExplainRecorder recorder = new ExplainRecorder(Objects.requireNonNull(kind, "kind"), rawQuery);
        MappingResult result = Translation.run(
                table,
                directory,
                unknownAffiliatePublisher.orElse(null),
                kind,
                rawQuery,
                Objects.requireNonNull(context, "context"),
                recorder);
        return recorder.finish(result);
    }

    public MappingTable table() {
        return table;
    }

    public Directory directory() {
        return directory;
    }

    /** The publisher unknown affiliates are credited to, if configured. */
    public Optional<String> unknownAffiliatePublisher() {
        return unknownAffiliatePublisher;
    }
}
