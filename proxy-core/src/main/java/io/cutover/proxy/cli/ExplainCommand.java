package io.cutover.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cutover.mapping.Explanation;
import io.cutover.mapping.LinkKind;
import io.cutover.mapping.RequestContext;
import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.mapping.table.MappingTable;
import io.cutover.proxy.Cutover;
import io.cutover.proxy.config.ConfigLoader;
import io.cutover.proxy.config.CutoverConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cutover explain URL}: the translation of one legacy link, step by step, without sending
 * anything anywhere. For engineers editing mapping files and for support answering "where did
 * this click go?".
 */
public final class ExplainCommand implements Command {

    private static final String DEFAULT_PRIMARY = "https://www.awin1.com";

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String summary() {
        return "show how a legacy link is translated, parameter by parameter (a dry run)";
    }

    @Override
    public String usage() {
        return """
                usage: cutover explain [--config FILE] [--json] [--cookie 'NAME=VALUE; …'] URL

                URL is a legacy link as publishers have it, e.g.
                  'https://www.shareasale.com/r.cfm?b=1632110&u=873588&m=41388&urllink=&afftrack='
                (the host is ignored; '/r.cfm?...' or 'r.cfm?...' work too). Quote it for the shell.

                Without --config the built-in mapping table and the sample directory are used;
                with it, the mapping files, directory and primary URL the config names.
                --cookie gives the request's Cookie header (sale.cfm reads the aw<advertiser> cookie
                Cutover relayed at the click). --json prints the same as one JSON object.""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = new Args(argv);
        String configFile = args.option("--config");
        boolean json = args.flag("--json");
        String cookie = args.option("--cookie");
        List<String> positional = args.positional();
        if (positional.size() != 1) {
            throw new UsageException(positional.isEmpty() ? "a URL is required" : "one URL at a time");
        }
        Translator translator;
        String primaryBase;
        String tables;
        if (configFile != null) {
            CutoverConfig config = ConfigLoader.load(Path.of(configFile));
            translator = Cutover.loadTranslator(config);
            primaryBase = config.primary().url().toString();
            tables = configFile;
        } else {
            translator = new Translator(MappingTable.builtIn(), FileDirectory.sample());
            primaryBase = DEFAULT_PRIMARY;
            tables = "built-in mapping table, sample directory";
        }
        String target = target(positional.get(0));
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        LinkKind kind = LinkKind.ofPath(path);
        if (!kind.isTracked()) {
            String message = path + " is not a tracking link (r.cfm, u.cfm, m-pr.cfm, sale.cfm): "
                    + "it is passed through to legacy unchanged";
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("input", positional.get(0));
                doc.put("kind", "pass-through");
                doc.put("outcome", "pass-through");
                doc.put("reason", message);
                out.println(mapper().writeValueAsString(doc));
            } else {
                out.println(message);
            }
            return 0;
        }
        Explanation explanation = translator.explain(kind, query, RequestContext.of(cookie));
        String upstream =
                explanation.upstream().map(u -> stripSlash(primaryBase) + u).orElse(null);
        if (json) {
            out.println(mapper().writeValueAsString(json(positional.get(0), tables, explanation, upstream, target)));
        } else {
            out.print(ExplanationText.render(positional.get(0), tables, explanation, upstream, target));
        }
        return 0;
    }

    /** The request target of a link: host and scheme dropped, a leading slash added. */
    static String target(String url) {
        String s = url.trim();
        int scheme = s.indexOf("://");
        if (scheme > 0 && scheme < s.indexOf('?') || scheme > 0 && s.indexOf('?') < 0) {
            int slash = s.indexOf('/', scheme + 3);
            s = slash < 0 ? "/" : s.substring(slash);
        }
        return s.startsWith("/") ? s : "/" + s;
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static Map<String, Object> json(
            String input, String tables, Explanation e, String upstream, String target) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("input", input);
        doc.put("tables", tables);
        doc.put("kind", e.kind().legacyPath().substring(1));
        doc.put("mapping", e.mapping().orElse(null));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Explanation.Step step : e.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("parameter", step.parameter());
            s.put("value", step.rawValue().orElse(null));
            s.put("rule", step.rule());
            s.put("result", step.result());
            s.put("note", step.note().orElse(null));
            s.put("source", step.source().orElse(null));
            steps.add(s);
        }
        doc.put("steps", steps);
        doc.put("outcome", e.outcome());
        doc.put("reason", e.reason().orElse(null));
        doc.put("primary", upstream);
        doc.put("legacy", e.outcome().equals("unmapped") ? target : null);
        doc.put("landing", e.landing().orElse(null));
        return doc;
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
