package io.cutover.proxy.reload;

import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.CachedDirectory;
import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.yaml.Problem;
import io.cutover.ops.json.JsonString;
import java.time.Duration;
import java.util.List;

/**
 * What a reload did: swapped in a new snapshot ({@code ok}), or refused it with every problem
 * found, the old snapshot still serving. Either way it says what serves now.
 *
 * @param ok whether the new snapshot was swapped in
 * @param trigger what asked for the reload: {@code watch}, {@code admin} or {@code refresh}
 * @param directoryReloaded whether the directory was loaded again (a mapping edit keeps it)
 * @param problems why it was refused, each with its {@code file:line}; empty when ok
 * @param omitted problems beyond those listed
 * @param serving the snapshot serving after the reload
 * @param took how long the load took
 */
public record ReloadResult(
        boolean ok,
        String trigger,
        boolean directoryReloaded,
        List<Problem> problems,
        int omitted,
        Translator serving,
        Duration took) {

    public ReloadResult {
        problems = List.copyOf(problems);
    }

    /** The answer of {@code POST /admin/reload}. */
    public String toJson() {
        StringBuilder json = new StringBuilder(256 + problems.size() * 120);
        json.append("{\"result\":").append(ok ? "\"ok\"" : "\"refused\"");
        json.append(",\"trigger\":");
        JsonString.append(json, trigger);
        json.append(",\"directory_reloaded\":").append(directoryReloaded);
        json.append(",\"took_ms\":").append(took.toMillis());
        json.append(",\"problems\":[");
        for (int i = 0; i < problems.size(); i++) {
            Problem problem = problems.get(i);
            json.append(i == 0 ? "{" : ",{").append("\"file\":");
            JsonString.append(json, problem.source());
            json.append(",\"line\":").append(problem.line());
            json.append(",\"column\":").append(problem.column()).append(",\"message\":");
            JsonString.append(json, problem.message());
            json.append(",\"text\":");
            JsonString.append(json, problem.toString());
            json.append('}');
        }
        json.append("],\"omitted\":").append(omitted);
        json.append(",\"serving\":{\"mapping\":{\"sources\":[");
        List<String> sources = serving.table().sources();
        for (int i = 0; i < sources.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            JsonString.append(json, sources.get(i));
        }
        json.append("],\"endpoints\":")
                .append(serving.table().endpoints().size())
                .append('}');
        json.append(",\"directory\":");
        appendDirectory(json, serving.directory());
        json.append("}}");
        return json.toString();
    }

    private static void appendDirectory(StringBuilder json, Directory directory) {
        FileDirectory preloaded = directory instanceof CachedDirectory cached
                ? cached.preloaded()
                : directory instanceof FileDirectory file ? file : null;
        json.append("{\"source\":");
        JsonString.append(
                json,
                directory instanceof CachedDirectory cached
                        ? cached.store().describe()
                        : preloaded != null ? preloaded.source() : directory.toString());
        if (preloaded != null) {
            json.append(",\"merchants\":").append(preloaded.merchantCount());
            json.append(",\"affiliates\":").append(preloaded.affiliateCount());
        }
        json.append('}');
    }

    /** One line for the log. */
    public String summary() {
        if (ok) {
            return "reload (" + trigger + ") ok in " + took.toMillis() + " ms: "
                    + serving.table().sources() + ", " + serving.directory();
        }
        StringBuilder text =
                new StringBuilder("reload (" + trigger + ") refused, the previous snapshot keeps serving:");
        for (Problem problem : problems) {
            text.append("\n  ").append(problem);
        }
        if (omitted > 0) {
            text.append("\n  … and ").append(omitted).append(" more");
        }
        return text.toString();
    }
}
